"""Fixtures shared by every app's tests.

- Tasks run inline unless a test is marked `celery_worker`; such a test gets a real
  worker, started once per session, consuming from the real Redis broker.
- Browser tests get a `page` from the system Chromium (found on PATH) driven by
  Playwright against pytest-django's live server. Every transactional test restores the
  rows made by data migrations (see pytest_collection_modifyitems).
"""

import os
import shutil
import subprocess
import sys
import time

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    """Give every transactional test serialized rollback.

    A transactional test flushes every table. Without serialized rollback the flush is
    followed by post_migrate, which re-creates content types under new ids, and the next
    serialized test then fails to restore its rows. With it everywhere, every such test
    starts from the migrated data (purposes, cookie groups, categories, policy version 1).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            rollback = pytest.mark.django_db(**marker.kwargs, serialized_rollback=True)
            item.add_marker(rollback, append=False)  # before a decorator of the test itself


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Let every connection object see the serialized test-database contents.

    Django keeps them on the connection object that created the test database, but
    connections are context-local: under Playwright's sync API a test gets a new
    connection object, and `serialized_rollback=True` would then silently restore
    nothing. Keeping them on the class makes them visible to every connection.
    """
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents
    return django_db_setup


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with empty caches (rate-limit counters live there too)."""
    from django.core.cache import caches

    from listings.selectors import category_tree_clear

    for cache in caches.all():
        cache.clear()
    category_tree_clear()  # and each process's own copy of the category tree


@pytest.fixture(autouse=True)
def _redis_breakers_closed():
    """Forget after each test what the process learnt about Redis being down (portal.breaker)."""
    yield
    from portal.breaker import breakers_reset

    breakers_reset()


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Start and end every test in the default language.

    The test client runs requests in the test's thread, and LocaleMiddleware leaves the
    request's language active there: a Kazakh page would otherwise make the next test's
    messages and URLs Kazakh.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _tasks_inline_unless_worker(request):
    from portal.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin client, signed in with the second factor the admin requires."""
    from django.test import Client

    from accounts.tests.factories import sign_in_with_second_factor

    return sign_in_with_second_factor(Client(), admin_user)


# --- People and servers that tests of several apps need (an app may define its own) -------


@pytest.fixture
def seller(db):
    """A signed-up seller: verified e-mail, accepted policy, with a company."""
    from accounts.tests.factories import CompanyFactory, UserFactory, accept_policy

    return CompanyFactory(owner=accept_policy(UserFactory())).owner


@pytest.fixture
def company(seller):
    return seller.company


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def buyer(db):
    from accounts.tests.factories import UserFactory, accept_policy

    return accept_policy(UserFactory())


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client


@pytest.fixture
def staff_client(client):
    """A client of a superuser who passed the second factor; the user is `client.admin`."""
    from accounts.tests.factories import UserFactory, sign_in_with_second_factor

    admin = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_second_factor(client, admin)
    client.admin = admin
    return client


@pytest.fixture
def smtp(settings):
    """A real SMTP server the portal sends to, not started yet (so it refuses connections)."""
    from outbox.tests.smtp import SmtpSink

    sink = SmtpSink()
    for name, value in sink.settings().items():
        setattr(settings, name, value)
    yield sink
    sink.stop()


@pytest.fixture
def replace_erase(monkeypatch):
    """Return `replace(key, erase)`: the registry source `key` erases with `erase` instead.

    For fault injection (a source that fails, or erases nothing); returns the real source,
    whose `erase` the replacement may call. `monkeypatch.undo()` restores it early.
    """
    import dataclasses

    from privacy.registry import registry

    def replace(key, erase):
        source = registry.get(key)
        monkeypatch.setitem(registry._sources, key, dataclasses.replace(source, custom_erase=erase))
        return source

    return replace


@pytest.fixture(scope="session")
def worker_mail_dir(tmp_path_factory):
    """The folder where the Celery worker's e-mails are written, one file per connection."""
    return tmp_path_factory.mktemp("worker-mail")


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, worker_mail_dir):
    """Start `celery worker` on the test database and the real Redis broker; stop it after.

    Its e-mails go to files in `worker_mail_dir`, so that tests can read what it sent.
    """
    from portal.celery import app

    with django_db_blocker.unblock():
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            # django-environ drops the first slash of a file path: four make it absolute.
            "EMAIL_URL": f"filemail:///{worker_mail_dir}",
        }
    app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=warning",
         "--hostname=tests@%h"],
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("The Celery worker did not start (see its output above).")
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not on PATH: `apt-get install chromium` (.ci/run does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Chromium logs a blocked inline script or style as a console error ("Refused to ..." or
# "... violates the following Content Security Policy directive"); the page's own
# securitypolicyviolation event, logged here, catches every violation whatever the wording.
CSP_WATCH_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _new_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    context.add_init_script(CSP_WATCH_SCRIPT)
    return context


def _watched_page(context):
    """Open a page of `context` whose console errors collect in `page.errors`."""
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def csp_violations(page) -> list[str]:
    """Return the Content-Security-Policy violations the page reported."""
    return [
        e
        for e in page.errors
        if e.startswith(("Refused to", "CSP violation")) or "Content Security Policy" in e
    ]


def _fail_on_csp_violations(pages):
    violations = [v for page in pages for v in csp_violations(page)]
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server; console errors collect in `page.errors`.

    A violation of the Content-Security-Policy fails the test.
    """
    context = _new_context(browser, live_server)
    watched = _watched_page(context)
    yield watched
    context.close()
    _fail_on_csp_violations([watched])


@pytest.fixture
def signed_in_page(browser, live_server):
    """A factory: `signed_in_page(user)` returns a page signed in as `user`.

    Each call opens a fresh browser context on the live server carrying a session cookie
    of `user` from `force_login` (the sign-in form itself is tested with accounts). A staff
    user's session has also passed the second factor, as the admin requires (the sign-in
    with a code is tested in accounts/tests/test_mfa_browser.py). As with `page`, console
    errors collect in `page.errors`, and a CSP violation fails the test. The contexts close
    at teardown.
    """
    from django.conf import settings
    from django.test import Client

    from accounts.tests.factories import sign_in_with_second_factor

    contexts = []
    pages = []

    def sign_in(user):
        client = Client()
        if user.is_staff:
            sign_in_with_second_factor(client, user)
        else:
            client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context = _new_context(browser, live_server)
        contexts.append(context)
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        context.add_cookies([cookie])
        pages.append(_watched_page(context))
        return pages[-1]

    yield sign_in
    for context in contexts:
        context.close()
    _fail_on_csp_violations(pages)

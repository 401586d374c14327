"""Lighthouse over the ten audited pages, mobile and desktop: `bench/lighthouse.py`.

    cd bench && npm ci && cd ..           # once: Lighthouse, pinned in bench/package-lock.json
    .venv/bin/python bench/lighthouse.py  # all ten pages, mobile and desktop, in Russian
    .venv/bin/python bench/lighthouse.py --language kk --pages home,listing --forms mobile

It builds a portal of its own in a temporary folder (SQLite, `seed_demo`, `collectstatic`
with the production storage), serves it with gunicorn as production does (debug off,
fingerprinted static files, compressed pages) on 127.0.0.1, signs the demo buyer in and puts
a listing in the cart, then runs Lighthouse in the system Chromium (CHROME_PATH, headless,
nothing fetched from outside the machine) over home, search, listing, seller, cart,
checkout, policy, cookies, signup and account privacy, as a first visit (the cookie banner
shows). It prints one table of the four category scores per page and form factor, then the
audits that cost each score below 98 points. The JSON reports stay in the run's folder.

Cart, checkout, account privacy and search results are kept out of search engines on
purpose (noindex and robots.txt, portal/seo/rules.py), which Lighthouse's "is-crawlable"
audit counts against their SEO score; their SEO column leaves that audit out and is marked
with `*`. Scores of performance depend on the machine's load (simulated throttling scales
what it measures): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _http import ROOT, free_port, gunicorn  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
PAGES = [
    "home", "search", "listing", "seller", "cart", "checkout", "policy", "cookies", "signup",
    "account privacy",
]  # fmt: skip
SIGNED_IN = {"cart", "checkout", "account privacy"}
NOT_INDEXED = {"search", "cart", "checkout", "account privacy"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORMS = ["mobile", "desktop"]
TARGET = 98
ATTEMPTS = 3
RETRIED_ERRORS = ("NO_NAVSTART", "NO_FCP", "NO_TRACING_STARTED")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def _env(folder: Path) -> dict:
    """Return the portal's environment: its own SQLite database, static and media folders."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "PRIVACY_HASH_KEY": "bench-only-privacy-hash-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_MANIFEST": "1",
        "SERVE_MEDIA": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build_portal(folder: Path) -> tuple[dict, tuple[str, str]]:
    """Migrate, seed and collect the static files; return the env and the buyer's sign-in."""
    env = _env(folder)
    _manage(env, "migrate", "--noinput")
    seeded = _manage(env, "seed_demo")
    _manage(env, "collectstatic", "--noinput")
    found = re.search(r"buyer\s+(\S+)\s+password: (\S+)", seeded)
    if found is None:
        raise SystemExit(f"seed_demo printed no buyer to sign in with:\n{seeded}")
    return env, (found.group(1), found.group(2))


class Browser:
    """A cookie-keeping HTTP client that sends forms with their CSRF token."""

    def __init__(self, base: str, language: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("Accept-Language", language)]

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, form: dict, *, token_from: str) -> str:
        page = self.get(token_from)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + token_from}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.geturl()

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def page_urls(browser: Browser, prefix: str, sign_in: tuple[str, str]) -> dict[str, str]:
    """Find a listing and its seller, sign the buyer in, fill the cart; return each page's URL."""
    search = browser.get(f"{prefix}/listings/")
    listing = re.search(rf'href="({prefix}/listings/(\d+)/)"', search).group(1)
    detail = browser.get(listing)
    seller = re.search(rf'href="({prefix}/sellers/(\d+)/)"', detail)
    title = re.search(r"<h1>([^<]+)</h1>", detail).group(1)
    word = re.sub(r"\W", "", title.split()[0]) or "demo"
    email, password = sign_in
    landed = browser.post(
        f"{prefix}/accounts/login/",
        {"login": email, "password": password},
        token_from=f"{prefix}/accounts/login/",
    )
    accept = urllib.parse.urlsplit(landed)
    if accept.path == f"{prefix}/privacy/accept/":  # the demo buyer meets the policy first
        path = f"{accept.path}?{accept.query}"
        browser.post(path, {"accept": "on", "next": f"{prefix}/"}, token_from=path)
    cart_add = re.search(r'class="add-to-cart" method="post" action="([^"]+)"', detail).group(1)
    quantity = re.search(r'name="quantity" min="(\d+)"', detail).group(1)
    browser.post(cart_add, {"quantity": quantity}, token_from=listing)
    if f'href="{prefix}/cart/checkout/' not in browser.get(f"{prefix}/cart/"):
        raise SystemExit("The demo buyer's cart stayed empty: signing in or adding failed.")
    return {
        "home": f"{prefix}/",
        "search": f"{prefix}/listings/?q={urllib.parse.quote(word)}",
        "listing": listing,
        "seller": seller.group(1),
        "cart": f"{prefix}/cart/",
        "checkout": f"{prefix}/cart/checkout/{seller.group(2)}/",
        "policy": f"{prefix}/privacy/policy/",
        "cookies": f"{prefix}/cookies/",
        "signup": f"{prefix}/accounts/signup/",
        "account privacy": f"{prefix}/account/privacy/",
    }


def run_lighthouse(url: str, form: str, headers: dict, report: Path) -> dict:
    """Run Lighthouse once; return its JSON report."""
    headers_file = report.with_suffix(".headers.json")
    headers_file.write_text(json.dumps(headers))
    args = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        f"--extra-headers={headers_file}",
    ]  # fmt: skip
    if form == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH") or _chromium()}
    for attempt in range(1, ATTEMPTS + 1):
        report.unlink(missing_ok=True)
        done = subprocess.run(args, env=env, capture_output=True, text=True)
        if not done.returncode and report.exists():
            return json.loads(report.read_text())
        # Headless Chromium now and then records a trace without the navigation's start
        # (NO_NAVSTART), and Lighthouse asks to be run again: a new run of the same page.
        retry = any(error in done.stderr for error in RETRIED_ERRORS) and attempt < ATTEMPTS
        if not retry:
            raise SystemExit(f"Lighthouse failed on {url} ({form}):\n{done.stderr[-3000:]}")
        print("    Lighthouse lost the trace; running it again", flush=True)
    raise AssertionError("unreachable")


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise SystemExit("No Chromium on PATH (apt-get install chromium) and no CHROME_PATH.")
    return found


def _score(report: dict, category: str, *, leave_out: frozenset = frozenset()) -> float:
    """Return a category's score (0-100), computed as Lighthouse does, less `leave_out`."""
    audits = report["audits"]
    weighted = total = 0.0
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["id"] in leave_out or not ref["weight"] or audit["score"] is None:
            continue
        weighted += ref["weight"] * audit["score"]
        total += ref["weight"]
    return 100 * weighted / total if total else 100.0


def scores(report: dict, page: str) -> dict[str, str]:
    found = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"] * 100
        mark = ""
        if category == "seo" and page in NOT_INDEXED:
            score, mark = _score(report, "seo", leave_out=frozenset({"is-crawlable"})), "*"
        found[category] = f"{round(score)}{mark}"
    return found


def shortfalls(report: dict) -> list[str]:
    """Return the audits that cost a category points, for categories under TARGET."""
    lines = []
    for category in CATEGORIES:
        if report["categories"][category]["score"] * 100 >= TARGET:
            continue
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                lines.append(f"{category}: {ref['id']} ({audit['score']:.2f}) {shown}".rstrip())
    return lines


def print_table(results: dict, forms: list[str]) -> None:
    head = ["page"] + [f"{form} {cat}" for form in forms for cat in CATEGORIES]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for page, by_form in results.items():
        cells = [page] + [by_form[form][cat] for form in forms for cat in CATEGORIES]
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--forms", default=",".join(FORMS), help="mobile, desktop or both")
    parser.add_argument("--language", default="ru", choices=["ru", "kk", "en"])
    options = parser.parse_args()
    pages = [page for page in options.pages.split(",") if page]
    forms = [form for form in options.forms.split(",") if form]
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` in bench/ first.")
    folder = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    print(f"Building the portal in {folder} ...", flush=True)
    env, sign_in = build_portal(folder)
    prefix = "" if options.language == "ru" else f"/{options.language}"
    port = free_port()
    with gunicorn(env, port=port):
        base = f"http://127.0.0.1:{port}"
        browser = Browser(base, options.language)
        urls = page_urls(browser, prefix, sign_in)
        results, notes = {}, []
        for page in pages:
            headers = {"Accept-Language": options.language}
            if page in SIGNED_IN:
                headers["Cookie"] = browser.cookie_header()
            results[page] = {}
            for form in forms:
                name = f"{page.replace(' ', '-')}-{form}"
                print(f"  {name}: {urls[page]}", flush=True)
                report = run_lighthouse(base + urls[page], form, headers, folder / f"{name}.json")
                results[page][form] = scores(report, page)
                notes += [f"{page} ({form}) {line}" for line in shortfalls(report)]
    print()
    print_table(results, forms)
    print("\n* SEO without is-crawlable: the page is kept out of search engines on purpose.")
    if notes:
        print("\nWhat costs points under", TARGET, "\n  " + "\n  ".join(notes))
    print(f"\nReports: {folder}")


if __name__ == "__main__":
    main()

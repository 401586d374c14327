"""Legal texts people can read: every language, no code names, the truth about each purpose."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.tests.factories import UserFactory, accept_policy
from privacy import announce, services
from privacy.models import ConsentEvent, PolicyVersion, Purpose
from privacy.selectors import document_current, legal_notice_key
from privacy.tests.factories import PolicyVersionFactory
from privacy.tests.readable import identifiers_in, registry_identifiers, visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "kk", "en"]
PLAIN_ENGLISH = {"grant", "withdraw"}


@pytest.fixture
def member(client):
    user = UserFactory()
    accept_policy(user, marketing=True)
    services.disclosure_record(
        actor=UserFactory(),
        actor_label="TOO Agro",
        subject=user,
        fields=["full_name", "phone", "email"],
        purpose="orders",
        reason=gettext_lazy("The seller opened the order to handle it"),
        object_label="№ 2026-000001",
    )
    client.force_login(user)
    return user


def _read(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url) if not url.endswith("download/") else client.post(url)
    assert response.status_code == 200, url
    if url.endswith("download/"):
        return [json.dumps(json.loads(response.content), ensure_ascii=False)]
    return visible_text(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "url",
    [
        "/privacy/policy/",
        "/account/privacy/",
        "/account/privacy/data/",
        "/account/privacy/data/download/",
        "/privacy/rights/",
        "/cookies/",
    ],
)
def test_pages_about_a_persons_data_show_no_code_names(client, member, url, language):
    identifiers = registry_identifiers() - (PLAIN_ENGLISH if language == "en" else set())

    chunks = _read(client, url, language)

    assert identifiers_in(chunks, identifiers) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_records_of_processing_in_admin_show_no_code_names(admin_client, language):
    chunks = _read(admin_client, "/admin/privacy/purpose/records/", language)

    identifiers = registry_identifiers() - (PLAIN_ENGLISH if language == "en" else set())
    assert identifiers_in(chunks, identifiers) == []


def test_registry_texts_are_translated_when_shown_not_when_declared(client, member):
    """Declared lazily, a source's texts follow the reader's language on every request."""
    ru = " ".join(_read(client, "/privacy/policy/", "ru"))
    kk = " ".join(_read(client, "/privacy/policy/", "kk"))

    assert "Журнал согласий" in ru
    assert "Келісімдер журналы" in kk
    assert "Consent ledger" not in ru + kk


def test_who_has_seen_my_data_names_the_fields_and_the_reason_in_kazakh(client, member):
    text = " ".join(_read(client, "/account/privacy/", "kk"))

    assert "Сатушы тапсырысты өңдеу үшін ашты" in text
    assert "full_name" not in text


def test_the_consent_table_tells_what_each_purpose_rests_on(client, member):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/account/privacy/").content.decode()

    def row(code):
        start = html.index(f'id="purpose-{code}"')
        return html[start : html.index("</tr>", start)]

    assert "Withdraw consent" in row("marketing")
    assert "no consent" not in html
    for code in ("service", "fraud", "legal", "reviews", "orders"):
        assert "Withdraw consent" not in row(code)
    assert "required by law" in row("legal")
    assert 'action="/account/privacy/object/"' in row("reviews")
    assert 'action="/account/privacy/object/"' in row("fraud")
    assert "Close my account" in row("service")


def test_objecting_to_a_legitimate_interest_opens_a_request_for_staff(client, member):
    response = client.post("/account/privacy/object/", {"purpose": "reviews"})

    assert response.status_code == 302
    request = member.data_requests.get()
    assert request.kind == "object_interest"
    assert request.status == "verified"  # staff answer it: nothing runs by itself


def test_objecting_to_a_purpose_that_rests_on_consent_is_refused(client, member):
    client.post("/account/privacy/object/", {"purpose": "marketing"})

    assert not member.data_requests.exists()


def test_a_consent_given_in_kazakh_is_stored_with_its_language_and_text(client, member):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    client.post("/account/privacy/consent/", {"purpose": "analytics", "action": "grant"})

    event = ConsentEvent.objects.filter(user=member, purpose__code="analytics").latest("pk")
    assert event.language == "kk"
    assert event.text_shown.startswith("Келісім беру: Талдау cookie файлдары.")


def test_the_proof_of_a_kazakh_consent_in_admin_shows_the_kazakh_text(client, member, admin_client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    client.post("/account/privacy/consent/", {"purpose": "analytics", "action": "grant"})
    event = ConsentEvent.objects.filter(user=member, purpose__code="analytics").latest("pk")

    html = admin_client.get(f"/admin/privacy/consentevent/{event.pk}/change/").content.decode()

    assert "Келісім беру: Талдау cookie файлдары." in html
    assert "Kazakh" in html


def test_the_policy_is_shown_in_each_language_and_the_fallback_is_said(client):
    policy = document_current(document="privacy")
    PolicyVersion.objects.filter(pk=policy.pk).update(text_kk="")

    kk = " ".join(_read(client, "/privacy/policy/", "kk"))
    ru = " ".join(_read(client, "/privacy/policy/", "ru"))

    assert "Кто мы" in ru
    assert "Кто мы" in kk
    assert "Бұл мәтін әзірге сіздің тіліңізде жоқ" in kk
    assert "Этого текста пока нет" not in ru


def test_version_1_written_in_english_is_still_readable_with_a_note(client):
    text = " ".join(_read(client, "/privacy/policy/1/", "ru"))

    assert "Who we are" in text
    assert "английский" in text.lower() or "English" in text


def test_the_policy_names_processors_partners_statistics_and_minors(client, settings):
    settings.DATA_PROCESSORS = [
        {"role": "hosting", "name": "TOO Hosting Test", "country": "KZ"},
        {"role": "mail", "name": "Mail Abroad Ltd", "country": "DE"},
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/privacy/policy/").content.decode()

    assert "TOO Hosting Test" in html
    assert "Mail Abroad Ltd" in html
    assert "Germany" in html
    assert "transfer abroad" in html
    assert 'href="/privacy/stats/"' in html
    assert 'href="/privacy/rights/"' in html
    assert 'href="/cookies/#cookie-group-marketing"' in html
    assert "Persons under 18" in html


def test_cookie_groups_and_cookies_are_shown_in_the_readers_language(client):
    text = " ".join(_read(client, "/cookies/", "kk"))

    assert "Қажетті" in text
    assert "Маркетинг" in text
    assert "Сіз таңдаған тілді есте сақтайды." in text
    assert "Remembers the language you chose." not in text


def test_a_third_party_cookie_names_its_partner_and_policy(client):
    from cookie_consent.models import Cookie

    from privacy.models import CookiePartner

    partner = CookiePartner.objects.create(
        name="AdNet Partner", policy_url="https://adnet.example/privacy", country="NL"
    )
    partner.cookies.add(Cookie.objects.get(name="portal_ads"))

    html = client.get("/cookies/").content.decode()

    assert "AdNet Partner" in html
    assert 'href="https://adnet.example/privacy"' in html


def test_every_stored_purpose_and_cookie_text_has_a_russian_and_kazakh_translation():
    from cookie_consent.models import Cookie, CookieGroup

    texts = [
        getattr(p, name)
        for p in Purpose.objects.all()
        for name in ("name", "description", "retention", "recipients")
    ]
    texts += [t for g in CookieGroup.objects.all() for t in (g.name, g.description)]
    texts += [c.description for c in Cookie.objects.all()]
    for language in ("ru", "kk"):
        with translation.override(language):
            untranslated = [t for t in texts if translation.gettext(t) == t]
        assert untranslated == [], language


def test_the_rules_text_numbers_every_rule_that_moderation_cites():
    from listings.rules import Rule

    rules = document_current(document="rules")
    for code in ("ru", "kk", "en"):
        text = getattr(rules, f"text_{code}")
        for number, _rule in enumerate(Rule, start=1):
            assert f"\n## {number}. " in text, (code, number)


def test_terms_and_rules_pages_and_footer_links(client):
    html = client.get("/").content.decode()
    for url in ("/terms/", "/rules/", "/privacy/rights/", "/privacy/policy/"):
        assert f'href="{url}"' in html
    assert client.get("/terms/").status_code == 200
    assert client.get("/rules/1/").status_code == 200
    assert client.get("/terms/9/").status_code == 404


def test_rights_page_leads_guests_to_the_request_form_and_users_to_their_account(client):
    assert 'href="/privacy/request/"' in client.get("/privacy/rights/").content.decode()
    client.force_login(UserFactory())
    assert 'href="/account/privacy/"' in client.get("/privacy/rights/").content.decode()


# --- Announcing a new version -------------------------------------------------------------


def test_publishing_a_version_shows_the_notice_on_the_home_page(
    client, django_capture_on_commit_callbacks
):
    draft = PolicyVersion.objects.create(document="terms", version=2, text_ru="Новый текст")
    assert "User agreement: version 2" not in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.policy_publish(policy=draft)

    html = client.get("/").content.decode()
    assert "User agreement: version 2 is in force" in html
    assert "terms2" in legal_notice_key()


def test_the_notice_goes_away_after_30_days(client):
    old = timezone.now() - timedelta(days=31)
    PolicyVersion.objects.filter(version__gt=1).update(published_at=old)

    assert 'id="legal-change-notice"' not in client.get("/").content.decode()


def test_the_announcement_writes_each_active_user_once_in_their_language(
    django_capture_on_commit_callbacks,
):
    users = [UserFactory(language=code) for code in ("ru", "kk", "en", "kk", "ru")]
    UserFactory(is_active=False)
    version = PolicyVersionFactory(
        summary_of_changes_ru="Изменено.", summary_of_changes_kk="Өзгертілді."
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = announce.legal_change_announce(version_id=version.pk, batch_size=2)
    with django_capture_on_commit_callbacks(execute=True):
        again = announce.legal_change_announce(version_id=version.pk, batch_size=2)

    assert sent == len(users)
    assert again == 0
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {u.email for u in users}
    kazakh = by_address[users[1].email]
    assert "нұсқа" in kazakh.subject
    assert "Өзгертілді." in kazakh.body
    assert "Изменено." in by_address[users[0].email].body
    assert "version" in by_address[users[2].email].subject


def test_the_policy_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        Purpose.objects.create(
            code=f"extra-{n}", name="Surveys", description="Asking", legal_basis="consent",
            retention="1 year", recipients="The operator",
        )  # fmt: skip
    PolicyVersionFactory()

    with django_assert_max_num_queries(5):
        assert client.get("/privacy/policy/").status_code == 200


def test_the_data_summary_reads_one_query_per_source_whatever_the_data(client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from privacy.registry import registry

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/account/privacy/data/").status_code == 200
        return len(captured)

    queries()  # the first page of a visit warms per-visitor caches (policy, header counts)
    few = queries()
    for _n in range(10):
        services.consent_grant(purpose="marketing", channel="account", text_shown="x", user=member)

    # About one per source (a few look related rows up first, the outbox looks up every
    # address a person's rows hold) and the page's own: the same with 0 or 10 rows a source.
    assert queries() == few
    assert few <= 2 * len(registry.sources()) + 10

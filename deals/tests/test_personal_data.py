"""The deals app's personal data: declared, exported with the buyer, erased with them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from accounts.models import User
from deals import services
from deals.models import Conversation, CounterOffer, Message, Quote, QuoteRequest
from deals.tests.factories import RequestFactory, quote_on
from listings.tests.factories import ListingFactory
from privacy.erasure import subjects_erase, subjects_of_users
from privacy.export import subject_export
from privacy.registry import registry
from privacy.sweep import retention_sweep

pytestmark = pytest.mark.django_db


def test_every_personal_field_of_deals_is_declared():
    assert registry.undeclared_personal_fields(apps.get_app_config("deals").get_models()) == []


@pytest.fixture
def deal(buyer, steppe):
    """A request with a quote, a counter-offer, a question on the quote and one on a listing."""
    request = RequestFactory(buyer=buyer, description="Позвоните Ерлану")
    quote = quote_on(request, steppe, comment="Скидка от 50 т")
    services.counter_send(
        quote=quote, user=buyer, price=Decimal("170000"), terms="Доставка за ваш счёт"
    )
    services.quote_question(user=buyer, quote=quote, body="Какой сорт?")
    services.conversation_ask(user=buyer, listing=ListingFactory(company=steppe), body="Скидка?")
    return request, quote


def test_a_buyers_export_holds_their_requests_with_quotes_and_conversations(buyer, deal):
    request, quote = deal

    export = subject_export(subjects=subjects_of_users([buyer.pk]))

    [row] = export["deals.quoterequest"]["rows"]
    assert row["public_id"] == request.public_id
    assert row["description"] == "Позвоните Ерлану"
    [quoted] = row["quotes"]
    assert (quoted["company__name"], quoted["price"]) == (quote.company.name, quote.price)
    assert {r["body"] for r in export["deals.message"]["rows"]} == {"Какой сорт?", "Скидка?"}
    assert len(export["deals.conversation"]["rows"]) == 2
    assert export["deals.counteroffer"]["rows"][0]["terms"] == "Доставка за ваш счёт"


def test_erasing_the_buyer_erases_their_words_and_keeps_the_sellers_figures(buyer, deal):
    request, quote = deal

    result = subjects_erase(subjects=subjects_of_users([buyer.pk]))

    assert result.check_passed
    request.refresh_from_db()
    assert (request.title, request.description, request.buyer_organization) == ("", "", "")
    assert request.status == QuoteRequest.Status.CANCELLED  # no longer reaches sellers
    assert request.quantity == 20
    quote.refresh_from_db()
    assert (quote.price, quote.quantity, quote.comment) == (
        Decimal("180000.00"),
        20,
        "Скидка от 50 т",
    )
    counter = CounterOffer.objects.get()
    assert (counter.price, counter.terms) == (Decimal("170000.00"), "")
    assert not Conversation.objects.exists()
    assert not Message.objects.exists()


def test_erasing_a_seller_empties_their_comments_and_messages_only(buyer, deal, steppe):
    _request, quote = deal
    conversation = Conversation.objects.get(quote=quote)
    services.message_send(
        conversation=conversation, side="seller", author=steppe.owner, body="Акмола 2"
    )

    result = subjects_erase(subjects=subjects_of_users([steppe.owner.pk]))

    assert result.check_passed
    quote.refresh_from_db()
    assert (quote.comment, quote.price) == ("", Decimal("180000.00"))
    assert quote.revisions.get().comment == ""
    assert list(conversation.messages.values_list("side", flat=True)) == ["buyer"]


def test_erasing_twice_changes_nothing_the_second_time(buyer, deal):
    subjects = subjects_of_users([buyer.pk])
    subjects_erase(subjects=subjects)

    second = subjects_erase(subjects=subjects)

    assert second.check_passed
    assert second.counts["deals.quoterequest"] == 0


def test_the_retention_sweep_erases_a_lapsed_buyers_requests(buyer, deal):
    request, _quote = deal
    User.objects.filter(pk=buyer.pk).update(
        last_interaction_at=timezone.now() - dt.timedelta(days=365 * 6)
    )

    retention_sweep(as_of=timezone.localdate())

    request.refresh_from_db()
    assert request.description == ""
    assert Quote.objects.get().price == Decimal("180000.00")

"""A request for quotation from posting to the order: the services, end to end."""

from decimal import Decimal

import pytest
from post_office.models import Email

from deals import notify, services
from deals.models import CounterOffer, Quote, QuoteRequest, Recipient
from deals.selectors import seller_match_list
from deals.tests.factories import RequestFactory, in_days, quote_on, quote_terms
from listings.tests.factories import leaf
from orders.models import Order, OrderItem
from privacy.models import ConsentEvent

pytestmark = pytest.mark.django_db

CONTACT = {
    "full_name": "Ахметов Ерлан Серикович",
    "organization": "ТОО «Жана Астык»",
    "email": "erlan@example.kz",
    "phone": "+77012345678",
    "address": "Костанай, ул. Абая, 12",
    "comment": "",
}


def _post(buyer, **overrides):
    fields = {
        "title": "Семена пшеницы",
        "description": "Акмола 2",
        "category": leaf("grain-seeds"),
        "quantity": 20,
        "unit": "tonne",
        "region": "kostanay",
        "needed_by": in_days(30),
        "budget": None,
        "buyer_organization": "ТОО «Жана Астык»",
    }
    fields.update(overrides)
    return services.request_post(buyer=buyer, audience="matching", **fields)


def test_a_request_goes_to_the_sellers_of_its_category_in_its_region(buyer, steppe, zerno, faraway):
    request = _post(buyer)

    sent = set(Recipient.objects.filter(request=request).values_list("company__name", flat=True))
    assert sent == {steppe.name, zerno.name}
    subjects = {(mail.to[0], mail.subject) for mail in Email.objects.all()}
    assert (steppe.owner.email, f"New request for quotation: {request.title}") in subjects
    assert faraway.owner.email not in {to for to, _subject in subjects}


def test_matching_by_a_section_takes_in_its_subsections(steppe, faraway):
    assert list(seller_match_list(category=leaf("seeds"), region="kostanay")) == [steppe]


def test_a_seller_who_chose_the_digest_gets_no_mail_until_the_digest(buyer, steppe):
    services.preference_save(company=steppe, rfq_mail="digest")
    _post(buyer)
    assert not Email.objects.filter(to=steppe.owner.email).exists()

    assert services.digest_send() == 1
    assert services.digest_send() == 0  # each request goes in one digest
    mail = Email.objects.get(to=steppe.owner.email)
    assert mail.subject == str(notify.DIGEST_SUBJECT % {"n": 1})


def test_a_request_no_seller_matches_is_refused_and_not_saved(buyer, faraway):
    with pytest.raises(services.DealError) as error:
        _post(buyer)
    assert error.value.message == services.requests.NO_MATCHING_SELLERS
    assert not QuoteRequest.objects.exists()


def test_each_revision_of_a_quote_is_kept_and_answers_the_counter_offer(buyer, steppe):
    request = RequestFactory(buyer=buyer)
    quote = quote_on(request, steppe)
    counter = services.counter_send(quote=quote, user=buyer, price=Decimal("170000"))
    assert Quote.objects.get(pk=quote.pk).is_countered

    revised = services.quote_submit(
        request=request,
        company=steppe,
        actor=steppe.owner,
        terms=quote_terms(price=Decimal("172000")),
    )

    assert revised.revision == 2
    assert list(revised.revisions.values_list("price", flat=True)) == [180000, 172000]
    counter.refresh_from_db()
    assert counter.answer == CounterOffer.Answer.REVISED
    assert revised.status == Quote.Status.SENT


def test_a_seller_accepting_a_counter_offer_revises_the_quote_with_its_price(buyer, steppe):
    quote = quote_on(RequestFactory(buyer=buyer), steppe)
    counter = services.counter_send(quote=quote, user=buyer, price=Decimal("165000"))

    services.counter_answer(counter=counter, company=steppe, actor=steppe.owner, accept=True)

    quote.refresh_from_db()
    assert (quote.price, quote.revision, quote.status) == (Decimal("165000"), 2, "sent")
    assert CounterOffer.objects.get().answer == CounterOffer.Answer.ACCEPTED


def test_accepting_a_quote_places_the_order_at_its_figures_and_closes_the_request(
    buyer, steppe, zerno
):
    request = RequestFactory(buyer=buyer)
    winner = quote_on(request, steppe, price=Decimal("172000"))
    other = quote_on(request, zerno)

    order = services.quote_accept(
        quote=winner, user=buyer, contact=CONTACT, checkout_token="tok-1", ip="10.0.0.1"
    )

    assert order.company == steppe
    assert order.number.startswith(str(in_days(0).year))
    lines = list(OrderItem.objects.filter(order=order).values_list("title", "price", "quantity"))
    assert lines == [
        (request.title, Decimal("172000.00"), 20),
        ("Delivery: До склада покупателя в Костанае", Decimal("100000.00"), 1),
    ]
    assert order.total == Decimal("172000") * 20 + Decimal("100000")
    assert ConsentEvent.objects.filter(user=buyer, purpose__code="orders").exists()
    request.refresh_from_db()
    other.refresh_from_db()
    assert request.is_accepted
    assert other.status == Quote.Status.CLOSED
    closed = Email.objects.get(to=zerno.owner.email, subject__startswith="A request")
    assert steppe.name not in closed.message  # the others are not told who won


def test_a_second_submit_of_the_accept_form_returns_the_same_order(buyer, steppe):
    quote = quote_on(RequestFactory(buyer=buyer), steppe)
    first = services.quote_accept(quote=quote, user=buyer, contact=CONTACT, checkout_token="t")

    again = services.quote_accept(quote=quote, user=buyer, contact=CONTACT, checkout_token="t")

    assert again == first
    assert Order.objects.count() == 1


def test_requests_close_by_themselves_after_their_needed_by_date(buyer, steppe):
    due = RequestFactory(buyer=buyer, needed_by=in_days(-1))
    live = quote_on(due, steppe)
    later = RequestFactory(buyer=buyer, needed_by=in_days(0))

    assert services.requests_expire() == 1

    due.refresh_from_db()
    later.refresh_from_db()
    live.refresh_from_db()
    assert due.status == QuoteRequest.Status.EXPIRED
    assert later.is_open
    assert live.status == Quote.Status.CLOSED

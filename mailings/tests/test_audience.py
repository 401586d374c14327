"""Who a campaign reaches: consent now, not restricted or erased, its filters."""

import pytest

from accounts.models import Company, NotificationPreference
from accounts.tests.factories import CompanyFactory
from listings.tests.factories import ListingFactory, leaf
from mailings.audience import audience_batch, audience_count, campaign_audience
from mailings.tests.factories import CampaignFactory, people
from orders.tests.factories import OrderFactory, OrderItemFactory
from privacy.models import ConsentEvent, Purpose, RestrictionEvent
from privacy.selectors import consent_given
from privacy.services import consent_grant, consent_withdraw, restriction_record

pytestmark = pytest.mark.django_db


def _emails(campaign):
    return sorted(campaign_audience(campaign).values_list("email", flat=True))


def test_the_audience_is_the_people_whose_latest_marketing_event_is_a_grant():
    opted_in = people(3, prefix="in")
    people(1, marketing="withdraw", prefix="out")
    people(1, marketing=None, prefix="never")
    campaign = CampaignFactory()

    assert _emails(campaign) == sorted(u.email for u in opted_in)
    assert audience_count(campaign) == 3


def test_the_set_based_rule_agrees_with_the_privacy_selector_person_by_person():
    mixed = people(2, prefix="a") + people(2, marketing="withdraw", prefix="b")
    mixed += people(2, marketing=None, prefix="c")
    # Withdrawn, then granted again: the latest event decides, as in consent_given.
    consent_grant(purpose=Purpose.MARKETING, channel="account", text_shown="Yes", user=mixed[2])
    consent_withdraw(purpose=Purpose.MARKETING, channel="account", text_shown="No", user=mixed[0])
    campaign = CampaignFactory()

    reached = set(campaign_audience(campaign).values_list("pk", flat=True))

    assert reached == {u.pk for u in mixed if consent_given(purpose=Purpose.MARKETING, user=u)}
    assert reached == {mixed[1].pk, mixed[2].pk}


def test_erased_inactive_and_restricted_people_are_not_reached():
    erased, inactive, restricted, kept = people(4)
    type(erased).objects.filter(pk=erased.pk).update(
        email=f"erased-{erased.pk}@invalid", is_active=False
    )
    type(inactive).objects.filter(pk=inactive.pk).update(is_active=False)
    restriction_record(action=RestrictionEvent.Action.RESTRICT, user=restricted)

    assert _emails(CampaignFactory()) == [kept.email]


def test_a_lifted_restriction_keeps_nobody_out():
    person = people(1)[0]
    restriction_record(action=RestrictionEvent.Action.RESTRICT, user=person)
    restriction_record(action=RestrictionEvent.Action.LIFT, user=person)

    assert _emails(CampaignFactory()) == [person.email]


def test_people_who_switched_news_off_are_not_reached():
    quiet, keen = people(2)
    NotificationPreference.objects.create(user=quiet, kind="news", delivery="off")

    assert _emails(CampaignFactory()) == [keen.email]


def test_language_region_and_role_narrow_the_audience():
    (kazakh,) = people(1, prefix="kk", language="kk", region="kostanay")
    (russian,) = people(1, prefix="ru", language="ru", region="kostanay")
    (seller,) = people(1, prefix="seller", language="kk", region="")
    CompanyFactory(owner=seller, region="kostanay")

    assert _emails(CampaignFactory(languages=["kk"])) == sorted([kazakh.email, seller.email])
    assert _emails(CampaignFactory(regions=["kostanay"])) == sorted(
        [kazakh.email, russian.email, seller.email]
    )
    assert _emails(CampaignFactory(role="sellers")) == [seller.email]
    assert _emails(CampaignFactory(role="buyers")) == sorted([kazakh.email, russian.email])
    assert Company.objects.count() == 1


def test_categories_reach_people_who_ordered_from_or_sell_in_them_or_below():
    buyer, seller, other = people(3)
    seeds = leaf("grain-seeds")
    OrderItemFactory(
        order=OrderFactory(buyer=buyer, email=buyer.email),
        listing=ListingFactory(category=seeds),
    )
    ListingFactory(company=CompanyFactory(owner=seller), category=seeds)
    ListingFactory(company=CompanyFactory(owner=other), category=leaf("tractors"))
    campaign = CampaignFactory()
    campaign.categories.set([seeds.parent or seeds])

    assert _emails(campaign) == sorted([buyer.email, seller.email])


def test_a_batch_takes_the_next_people_by_id_and_skips_those_who_had_it():
    everyone = people(5)
    campaign = CampaignFactory()

    first = audience_batch(campaign, after=0, size=2)
    rest = audience_batch(campaign, after=first[-1].pk, size=10)

    assert [u.pk for u in first + rest] == [u.pk for u in everyone]
    assert ConsentEvent.objects.filter(action="grant").count() == 5

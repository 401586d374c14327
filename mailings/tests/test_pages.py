"""The digest's categories page, and campaigns in admin: preview, count, test, send."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from post_office.models import Email

from accounts.tests.factories import UserFactory, accept_policy, sign_in_with_second_factor
from listings.tests.factories import leaf
from mailings.models import Block, Campaign, FollowedCategory
from mailings.tests.factories import CampaignFactory, people
from mailings.views import CATEGORIES_SAVED_MESSAGE
from orders.tests.factories import OrderFactory, OrderItemFactory

pytestmark = pytest.mark.django_db
CATEGORIES = "/account/notifications/categories/"


def test_the_categories_page_suggests_the_categories_ordered_from(client):
    person = accept_policy(people(1)[0])
    tractors = leaf("tractors")
    from listings.tests.factories import ListingFactory

    OrderItemFactory(order=OrderFactory(buyer=person), listing=ListingFactory(category=tractors))
    client.force_login(person)

    body = client.get(CATEGORIES).content.decode()

    assert f'value="{tractors.pk}" id="category-{tractors.pk}" checked' in body
    assert "those you ordered from are ticked" in body


def test_chosen_categories_are_saved_for_oneself_only(client):
    person, other = people(2)
    client.force_login(person)
    seeds, tractors = leaf("grain-seeds"), leaf("tractors")

    response = client.post(CATEGORIES, {"categories": [seeds.pk, tractors.pk], "user": other.pk},
                           follow=True)  # fmt: skip
    client.post(CATEGORIES, {"categories": [seeds.pk]})

    assert str(CATEGORIES_SAVED_MESSAGE) in response.content.decode()
    assert list(FollowedCategory.objects.values_list("user_id", "category_id")) == [
        (person.pk, seeds.pk)
    ]


def test_an_unknown_category_is_refused_at_the_field(client):
    (person,) = people(1)
    client.force_login(person)

    response = client.post(CATEGORIES, {"categories": ["999999"]})

    assert response.status_code == 200
    assert "categories" in response.context["form"].errors
    assert not FollowedCategory.objects.exists()


def test_the_categories_page_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    person = accept_policy(people(1)[0])
    FollowedCategory.objects.bulk_create(
        FollowedCategory(user=person, category=c) for c in leaf("tractors").parent.children.all()
    )
    client.force_login(person)

    with django_assert_max_num_queries(14):
        assert client.get(CATEGORIES).status_code == 200


def _staff(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = sign_in_with_second_factor(Client(), user)
    client.user = user
    return client


def _changelist():
    return reverse("admin:mailings_campaign_changelist")


def test_the_preview_shows_each_language_and_the_count_of_recipients_now():
    people(3)
    people(2, marketing="withdraw", prefix="w")
    campaign = CampaignFactory()
    Block.objects.create(campaign=campaign, kind="button", button_label_ru="Смотреть",
                         url="https://portal.kz/listings/", position=2)  # fmt: skip
    client = _staff("view_campaign", "send_campaign")

    response = client.get(reverse("admin:mailings_campaign_preview", args=[campaign.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["count"] == 3
    assert "It reaches 3 people now" in body
    assert "Сезон посевной открыт." in body
    assert "Егіс маусымы ашылды." in body
    assert 'href="https://portal.kz/listings/"' in body
    assert 'value="start_sending"' in body


def test_sending_shows_the_count_first_then_starts(django_capture_on_commit_callbacks):
    people(4)
    campaign = CampaignFactory()
    client = _staff("view_campaign", "send_campaign")
    data = {"action": "start_sending", "_selected_action": [campaign.pk], "index": 0}

    confirm = client.post(_changelist(), data)
    assert "4 recipients" in confirm.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).is_draft

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_changelist(), {**data, "post": "yes"})

    campaign.refresh_from_db()
    assert campaign.audience_at_start == 4
    assert campaign.status in (Campaign.Status.SENDING, Campaign.Status.SENT)


def test_a_test_goes_to_the_staff_member_who_asked():
    campaign = CampaignFactory()
    client = _staff("view_campaign", "send_campaign")

    client.post(_changelist(), {"action": "send_test", "_selected_action": [campaign.pk]})

    assert {e.to[0] for e in Email.objects.all()} == {client.user.email}
    assert Email.objects.count() == 3


def test_staff_without_the_send_right_see_the_preview_but_no_button_and_cannot_send():
    people(2)
    campaign = CampaignFactory()
    client = _staff("view_campaign", "change_campaign")

    preview = client.get(reverse("admin:mailings_campaign_preview", args=[campaign.pk]))
    client.post(_changelist(), {"action": "start_sending", "_selected_action": [campaign.pk],
                                "post": "yes"})  # fmt: skip

    assert 'value="start_sending"' not in preview.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).is_draft
    assert not Email.objects.exists()


def test_a_button_needs_an_https_link_and_its_label(client):
    from mailings.forms import HTTPS_ONLY, BlockAdminForm

    form = BlockAdminForm({"kind": "button", "position": 0, "url": "http://portal.kz/",
                           "limit": 6})  # fmt: skip

    assert not form.is_valid()
    assert form.errors["url"] == [str(HTTPS_ONLY)]


def test_the_campaign_list_reads_a_bounded_number_of_queries(django_assert_max_num_queries):
    for _ in range(15):
        CampaignFactory()
    client = _staff("view_campaign")

    with django_assert_max_num_queries(16):
        assert client.get(_changelist()).status_code == 200


def test_the_delivery_list_reads_a_bounded_number_of_queries(django_assert_max_num_queries):
    from mailings.models import Delivery

    campaign = CampaignFactory()
    Delivery.objects.bulk_create(Delivery(campaign=campaign, user=u) for u in people(30))
    client = _staff("view_delivery")

    with django_assert_max_num_queries(16):
        assert client.get(reverse("admin:mailings_delivery_changelist")).status_code == 200


def test_staff_write_a_campaign_with_its_blocks_in_admin():
    client = _staff("view_campaign", "add_campaign", "change_campaign", "add_block",
                    "change_block", "view_block")  # fmt: skip
    add = reverse("admin:mailings_campaign_add")
    assert client.get(add).status_code == 200
    data = {
        "name": "Посевная", "subject_ru": "Посевная 2027", "subject_kk": "", "subject_en": "",
        "languages": ["kk"], "regions": ["kostanay"], "role": "",
        "blocks-TOTAL_FORMS": 2, "blocks-INITIAL_FORMS": 0,
        "blocks-0-kind": "text", "blocks-0-position": 1, "blocks-0-text_ru": "Скидки на семена.",
        "blocks-0-limit": 6,
        "blocks-1-kind": "listings", "blocks-1-position": 2, "blocks-1-limit": 4,
        "blocks-1-category": leaf("grain-seeds").pk,
    }  # fmt: skip

    response = client.post(add, data)

    assert response.status_code == 302, response.context["errors"]
    campaign = Campaign.objects.get()
    assert (campaign.subject_ru, campaign.languages, campaign.regions) == (
        "Посевная 2027",
        ["kk"],
        ["kostanay"],
    )
    assert [b.kind for b in campaign.blocks.all()] == ["text", "listings"]
    change = client.get(reverse("admin:mailings_campaign_change", args=[campaign.pk]))
    assert change.status_code == 200

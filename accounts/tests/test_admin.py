import pytest

from accounts.models import Company, User
from accounts.tests.factories import CompanyFactory, UserFactory, sign_in_with_second_factor
from privacy.models import DisclosureEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = User.objects.create_superuser(email="admin@portal.kz", password="Admin-Pass-42")
    sign_in_with_second_factor(client, admin)
    client.admin = admin
    return client


def listed(response):
    return list(response.context["cl"].result_list)


def test_opening_a_user_in_admin_records_a_disclosure(staff_client):
    user = UserFactory()

    response = staff_client.get(f"/admin/accounts/user/{user.pk}/change/")

    assert response.status_code == 200
    event = DisclosureEvent.objects.get(subject=user)
    assert event.actor == staff_client.admin
    assert "email" in event.fields
    assert "phone" in event.fields


def test_opening_a_company_in_admin_records_a_disclosure_about_its_owner(staff_client):
    company = CompanyFactory()

    assert staff_client.get(f"/admin/accounts/company/{company.pk}/change/").status_code == 200

    event = DisclosureEvent.objects.get(subject=company.owner)
    assert "contact_phone" in event.fields


def test_the_user_list_records_one_disclosure_naming_the_people_shown(staff_client):
    user = UserFactory()

    staff_client.get("/admin/accounts/user/")

    event = DisclosureEvent.objects.get()
    assert user.pk in set(event.people.values_list("user_id", flat=True))


@pytest.mark.parametrize("term", ["findme@example.kz", "Zhumabekova", "+77019998877", "BIN"])
def test_users_are_found_by_email_name_phone_and_bin(staff_client, term):
    user = UserFactory(email="findme@example.kz", last_name="Zhumabekova", phone="+77019998877")
    company = CompanyFactory(owner=user)
    UserFactory()
    query = company.bin if term == "BIN" else term

    response = staff_client.get("/admin/accounts/user/", {"q": query})

    assert listed(response) == [user]


def test_companies_are_found_by_bin_and_name(staff_client):
    company, _other = CompanyFactory(name="TOO Unique Steel"), CompanyFactory()

    by_bin = staff_client.get("/admin/accounts/company/", {"q": company.bin})
    by_name = staff_client.get("/admin/accounts/company/", {"q": "Unique Steel"})

    assert listed(by_bin) == [company]
    assert listed(by_name) == [company]


def test_users_filter_by_seller_verified_and_active(staff_client):
    buyer = UserFactory()
    seller = CompanyFactory(is_verified=False).owner
    verified = CompanyFactory(is_verified=True).owner
    closed = UserFactory(is_active=False)
    url = "/admin/accounts/user/"

    def emails(params):
        found = set(listed(staff_client.get(url, params)))
        return found - {staff_client.admin}

    assert emails({"seller": "yes"}) == {seller, verified}
    assert emails({"seller": "no"}) == {buyer, closed}
    assert emails({"verified": "yes"}) == {verified}
    assert emails({"is_active__exact": "0"}) == {closed}


def test_staff_mark_companies_verified_with_an_action(staff_client):
    company = CompanyFactory(is_verified=False)

    staff_client.post(
        "/admin/accounts/company/",
        {"action": "mark_verified", "_selected_action": [company.pk]},
    )

    company.refresh_from_db()
    assert company.is_verified


def test_staff_can_add_a_user_with_just_an_email(staff_client):
    response = staff_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new.staff@portal.kz",
            "usable_password": "true",
            "password1": "Another-Pass-42",
            "password2": "Another-Pass-42",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(email="new.staff@portal.kz").check_password("Another-Pass-42")


def test_staff_can_edit_a_user_and_the_company_inline(staff_client):
    company = CompanyFactory()
    page = staff_client.get(f"/admin/accounts/user/{company.owner_id}/change/")

    assert page.status_code == 200
    assert "company-0-bin" in page.content.decode()


def test_the_admin_lists_have_a_bounded_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    for _ in range(20):
        CompanyFactory()

    # 12, and 3 for the page's disclosure (its purpose, the event, the people it names).
    with django_assert_max_num_queries(15):
        staff_client.get("/admin/accounts/user/")
    with django_assert_max_num_queries(15):
        staff_client.get("/admin/accounts/company/")
    assert Company.objects.count() == 20

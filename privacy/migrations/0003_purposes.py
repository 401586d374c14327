"""Seed the purposes of processing named by the portal's privacy policy.

Required purposes are those without which the portal cannot serve a person at all; the
optional ones rest on consent and are off until a person turns them on.
"""

from django.db import migrations

PURPOSES = [
    {
        "code": "service",
        "name": "Identification and provision of the portal's services",
        "description": "Keeping your account, publishing your listings, letting buyers and "
        "sellers reach each other, answering your questions to support.",
        "legal_basis": "contract",
        "is_required": True,
        "retention": "While the account exists, then until 5 years after your last interaction",
        "recipients": "The operator; its hosting provider in Kazakhstan",
        "ordering": 10,
    },
    {
        "code": "orders",
        "name": "Orders and disclosure of contact data to the seller",
        "description": "Passing an order to the seller you chose, with the contact data the "
        "seller needs to confirm, deliver and invoice it.",
        "legal_basis": "contract",
        "is_required": False,
        "retention": "Contact data until 5 years after your last interaction; order lines and "
        "totals kept anonymised for accounting",
        "recipients": "The seller of the order; the carrier the seller hires for delivery",
        "ordering": 20,
    },
    {
        "code": "payments",
        "name": "Payments",
        "description": "Issuing invoices and confirming payments for the portal's paid services.",
        "legal_basis": "contract",
        "is_required": False,
        "retention": "5 years after the payment (tax law)",
        "recipients": "The operator; the bank or payment provider that processes the payment",
        "ordering": 30,
    },
    {
        "code": "marketing",
        "name": "Marketing mailings",
        "description": "News of the portal, promotions and commercial offers by e-mail, "
        "SMS or phone.",
        "legal_basis": "consent",
        "is_required": False,
        "retention": "Until you withdraw consent",
        "recipients": "The operator; its mailing service provider",
        "ordering": 40,
    },
    {
        "code": "analytics",
        "name": "Analytics cookies",
        "description": "Counting visits and pages to improve the portal.",
        "legal_basis": "consent",
        "is_required": False,
        "retention": "13 months",
        "recipients": "The operator (the analytics runs on the portal's own servers)",
        "cookie_group": "analytics",
        "ordering": 50,
    },
    {
        "code": "advertising",
        "name": "Advertising partners' cookies",
        "description": "Letting advertising partners show ads that fit your interests.",
        "legal_basis": "consent",
        "is_required": False,
        "retention": "13 months",
        "recipients": "Advertising partners named on the cookie settings page",
        "cookie_group": "marketing",
        "ordering": 60,
    },
    {
        "code": "reviews",
        "name": "Ratings and reviews",
        "description": "Publishing the reviews you write about sellers, signed with your first "
        "name and the initial of your last name.",
        "legal_basis": "legitimate_interest",
        "is_required": False,
        "retention": "Until you delete the review or your account",
        "recipients": "Everyone who visits the seller's page",
        "ordering": 70,
    },
    {
        "code": "fraud",
        "name": "Fraud prevention and security",
        "description": "Protecting accounts and users from fraud and abuse: sign-in records, "
        "truncated IP addresses, browser data, complaints.",
        "legal_basis": "legitimate_interest",
        "is_required": True,
        "retention": "Until 5 years after your last interaction",
        "recipients": "The operator",
        "ordering": 80,
    },
    {
        "code": "legal",
        "name": "Legal obligations and requests of state bodies",
        "description": "Keeping records that the law requires and answering lawful requests of "
        "courts and state bodies of the Republic of Kazakhstan.",
        "legal_basis": "legal_obligation",
        "is_required": True,
        "retention": "As long as the law requires",
        "recipients": "State bodies, only on a lawful request",
        "ordering": 90,
    },
]


def create_purposes(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    for spec in PURPOSES:
        spec = dict(spec)
        Purpose.objects.update_or_create(code=spec.pop("code"), defaults=spec)


def delete_purposes(apps, schema_editor):
    apps.get_model("privacy", "Purpose").objects.filter(
        code__in=[p["code"] for p in PURPOSES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_initial")]

    operations = [migrations.RunPython(create_purposes, delete_purposes)]

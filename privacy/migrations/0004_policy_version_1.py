"""Publish version 1 of the portal's privacy policy.

The operator's name, BIN, address and e-mail, the purposes and the list of data held are
not part of this text: the policy page renders them from settings, the purposes table and
the personal-data registry, so they can never disagree with what the portal really does.
"""

from django.db import migrations
from django.utils import timezone

TEXT = """## 1. Who we are
Dala Market is an online marketplace and bulletin board where businesses of industry and agriculture in Kazakhstan publish their offers and receive orders. The operator that decides why and how your personal data is processed is named at the top of this page, with its BIN, address and the e-mail for privacy questions.

## 2. Which data we process
We process only the data that one of the purposes below needs: the identity and contact data you enter (name, patronymic, e-mail, phone, region, address); the data of the company you represent (the authorised person, contact phone and e-mail); what you write on the portal (listings, order comments, messages, reviews, complaints and requests to support); the contact data of your orders; and technical data (a truncated IP address, your browser's user agent, the time you signed in, the cookies you accepted). We do not ask for passport data, IIN, date of birth or payment card numbers. Where each item is kept is listed under "Data we hold" below.

## 3. Why, and on what basis
Each purpose, its legal basis, whether you can refuse it, how long its data is kept and who receives it are listed under "Purposes" below. Optional purposes (marketing mailings, analytics cookies, advertising cookies) stay off until you switch them on, and you can switch them off at any time in your Personal Account or on the cookie settings page.

## 4. Who receives your data
When you send an order, the seller you chose receives the contact data of the order form: only that seller, only for that order. Every time a seller opens your contact data it is recorded, and you can read those records in your Personal Account under "Who has seen my data". The operator's staff see your data only to handle your requests and complaints and to meet legal obligations; their access is recorded too. We do not sell personal data. State bodies receive data only on a request that the law of the Republic of Kazakhstan obliges us to answer.

## 5. Where your data is stored
The databases that hold users' personal data are located in the Republic of Kazakhstan.

## 6. How long we keep it
We keep your data while you use the portal. When the retention period shown at the top of this page has passed since your last interaction with the portal (signing in, an order, a message, a request), your data is erased automatically. Records that the law obliges us to keep, such as order lines and totals for accounting, are kept without your name and contact data.

## 7. Your rights
You may learn whether we process your data and receive a copy of it (Personal Account, Privacy, "Download my data"); have inaccurate data corrected; withdraw any consent at any time; ask us to stop processing and erase your data or close your account; object to marketing; and complain to the authorised body for personal data protection or to a court. If you ordered as a guest, you can make the same requests on the data request page with your e-mail address. We answer within the period shown at the top of this page.

## 8. Cookies
Necessary cookies keep you signed in, protect forms and remember your choices. Analytics and advertising cookies are set only after you accept them in the banner or on the cookie settings page, where you can change your choice at any time.

## 9. Security
Passwords are stored only as salted hashes, connections are encrypted, staff access is limited and recorded, and the IP addresses in our consent records are truncated.

## 10. Changes to this policy
When we change this policy we publish a new version with a summary of the changes, keep the earlier versions readable, and ask signed-in users to accept the new version at their next visit."""


def publish(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    PolicyVersion.objects.get_or_create(
        version=1,
        defaults={
            "text": TEXT,
            "summary_of_changes": "First version.",
            "published_at": timezone.now(),
        },
    )


def unpublish(apps, schema_editor):
    apps.get_model("privacy", "PolicyVersion").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_purposes")]

    operations = [migrations.RunPython(publish, unpublish)]

"""The orders app's own outbox (OutgoingMail) gives way to the outbox app (django-post-office).

E-mails still waiting are copied as queued post_office e-mails, so the outbox drain sends
them; the ones given up on are copied as failed, so staff still see them (and may requeue
them in admin). Sent ones are not copied: they were kept only for the record, and their
addresses and texts are personal data with nothing left to do. Then the table goes.
"""

from email.utils import make_msgid

from django.conf import settings
from django.db import migrations

PENDING, FAILED = "pending", "failed"
# post_office.models.STATUS and PRIORITY (fixed numbers in its table).
QUEUED_STATUS, FAILED_STATUS, MEDIUM_PRIORITY = 2, 1, 1


def copy_unsent(apps, schema_editor):
    OutgoingMail = apps.get_model("orders", "OutgoingMail")
    Email = apps.get_model("post_office", "Email")
    unsent = OutgoingMail.objects.filter(status__in=[PENDING, FAILED]).order_by("pk")
    Email.objects.bulk_create(
        (
            Email(
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=mail.to_email,
                subject=" ".join(mail.subject.split()),
                message=mail.body,
                status=QUEUED_STATUS if mail.status == PENDING else FAILED_STATUS,
                priority=MEDIUM_PRIORITY,
                number_of_retries=mail.attempts,
                message_id=make_msgid(domain="portal.kz"),
            )
            for mail in unsent.iterator(chunk_size=500)
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0004_order_buyer_company_invoice"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [
        migrations.RunPython(copy_unsent, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutgoingMail"),
    ]

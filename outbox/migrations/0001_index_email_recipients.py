"""Index post_office's e-mails by recipient: erasure finds a person's mails by address.

The outbox has no models of its own (the rows are post_office's); the index is created here
because the privacy engine erases them by `to` in batches, and without it each batch would
read the whole table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [
        migrations.RunSQL(
            sql='CREATE INDEX IF NOT EXISTS outbox_email_to ON post_office_email ("to");',
            reverse_sql="DROP INDEX IF EXISTS outbox_email_to;",
        ),
    ]

"""A BRIN index on the publication date of published listings (PostgreSQL only).

Search reads the freshest matches of a query window by window from the newest
(listings/selectors/search_window.py): combined with the full-text index, this index limits
the table pages read to those of the window. A block range index is a few dozen kilobytes
for a million listings, and costs an insert nothing, because listings are written in about
the order they are published; `autosummarize` keeps the ranges of new rows summarised.
"""

from django.db import migrations

FORWARD = """
    CREATE INDEX listing_pub_brin ON listings_listing USING brin (published_at)
    WITH (autosummarize = on) WHERE status = 'published';
"""
BACKWARD = "DROP INDEX IF EXISTS listing_pub_brin;"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("listings", "0008_moderation_cites_the_rule")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]

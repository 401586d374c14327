"""PostgreSQL full-text search for listings: a trigger-maintained tsvector and its indexes.

The `russian` configuration stems Cyrillic words with the Russian Snowball stemmer and
ASCII words with the English one, so one vector serves Russian, Kazakh (unstemmed beyond
shared Cyrillic endings) and English. A trigger rather than a generated column keeps the
column writable on SQLite, where this migration does nothing and search falls back to a
substring match; every write path on PostgreSQL (ORM, bulk_create, COPY) passes the
trigger. Index on `price DESC NULLS LAST` needs syntax SQLite's CREATE INDEX lacks.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE FUNCTION listings_listing_search_vector_update() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('pg_catalog.russian', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('pg_catalog.russian', coalesce(NEW.description, '')), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER listings_listing_search_vector
    BEFORE INSERT OR UPDATE OF title, description ON listings_listing
    FOR EACH ROW EXECUTE FUNCTION listings_listing_search_vector_update();
    """,
    "UPDATE listings_listing SET title = title;",
    "CREATE INDEX listing_search_gin ON listings_listing USING gin (search_vector);",
    """
    CREATE INDEX listing_pub_price_desc ON listings_listing (price DESC NULLS LAST, id DESC)
    WHERE status = 'published';
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS listing_pub_price_desc;",
    "DROP INDEX IF EXISTS listing_search_gin;",
    "DROP TRIGGER IF EXISTS listings_listing_search_vector ON listings_listing;",
    "DROP FUNCTION IF EXISTS listings_listing_search_vector_update();",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]

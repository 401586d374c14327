"""Covering indexes for what search samples: newest first in a section or of a seller.

A section browsed with a price range is read leaf by leaf from the (category, date) index;
with the price and the company in the index (the price filter and the visibility rule read
them), the walk reads no table rows. A seller's listings, newest first, had no index of
their own: the search and the seller page walked every seller's newest listings (26,000 rows
for the largest seller at 1M).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_notification_preferences_and_digest'),
        ('listings', '0009_listing_published_brin'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='listing',
            name='listing_pub_category_newest',
        ),
        migrations.AddIndex(
            model_name='listing',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['category', '-published_at', '-id'], include=('price', 'company'), name='listing_pub_category_newest'),
        ),
        migrations.AddIndex(
            model_name='listing',
            index=models.Index(condition=models.Q(('status', 'published')), fields=['company', '-published_at', '-id'], include=('category', 'price'), name='listing_pub_company_newest'),
        ),
    ]

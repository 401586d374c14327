"""What search engines read: head links, structured data, robots.txt and the sitemap.

- `rules`: which pages may be indexed (one rule for the robots meta tag and robots.txt).
- `head`: the canonical URL of a page and its URLs in the other languages (hreflang).
- `structured_data`: schema.org JSON-LD of listings (Product, Offer) and sellers
  (Organization with AggregateRating).
- `robots` and `sitemaps`: /robots.txt and /sitemap.xml.
"""

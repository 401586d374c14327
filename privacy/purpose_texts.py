"""Texts that data migrations store in English and pages show translated (gettext).

The purposes (migration 0003) and the cookie groups and cookies (migration 0001, in
django-cookie-consent's own tables, which the portal cannot give translated fields) are
written only by developers, so they are translated in the gettext catalogues like every
other interface text: the stored English text is the message id, and pages pass it through
gettext (`Purpose.title`, `{% translate cookie_group.name %}`). This module marks those ids
so that `make messages` keeps them; a test checks that every stored text has a translation.
"""

# ruff: noqa: E501 - each message id is one line, exactly the text the migration stored.
from django.utils.translation import gettext_noop

PURPOSE_TEXTS = [
    # service
    gettext_noop("Identification and provision of the portal's services"),
    gettext_noop(
        "Keeping your account, publishing your listings, letting buyers and sellers reach each other, answering your questions to support."
    ),
    gettext_noop("While the account exists, then until 5 years after your last interaction"),
    gettext_noop("The operator; its hosting provider in Kazakhstan"),
    # orders
    gettext_noop("Orders and disclosure of contact data to the seller"),
    gettext_noop(
        "Passing an order to the seller you chose, with the contact data the seller needs to confirm, deliver and invoice it."
    ),
    gettext_noop(
        "Contact data until 5 years after your last interaction; order lines and totals kept anonymised for accounting"
    ),
    gettext_noop("The seller of the order; the carrier the seller hires for delivery"),
    # payments
    gettext_noop("Payments"),
    gettext_noop("Issuing invoices and confirming payments for the portal's paid services."),
    gettext_noop("5 years after the payment (tax law)"),
    gettext_noop("The operator; the bank or payment provider that processes the payment"),
    # marketing
    gettext_noop("Marketing mailings"),
    gettext_noop("News of the portal, promotions and commercial offers by e-mail, SMS or phone."),
    gettext_noop("Until you withdraw consent"),
    gettext_noop("The operator; its mailing service provider"),
    # analytics
    gettext_noop("Analytics cookies"),
    gettext_noop("Counting visits and pages to improve the portal."),
    gettext_noop("13 months"),
    gettext_noop("The operator (the analytics runs on the portal's own servers)"),
    # advertising
    gettext_noop("Advertising partners' cookies"),
    gettext_noop("Letting advertising partners show ads that fit your interests."),
    gettext_noop("Advertising partners named on the cookie settings page"),
    # reviews
    gettext_noop("Ratings and reviews"),
    gettext_noop(
        "Publishing the reviews you write about sellers, signed with your first name and the initial of your last name."
    ),
    gettext_noop("Until you delete the review or your account"),
    gettext_noop("Everyone who visits the seller's page"),
    # fraud
    gettext_noop("Fraud prevention and security"),
    gettext_noop(
        "Protecting accounts and users from fraud and abuse: sign-in records, truncated IP addresses, browser data, complaints."
    ),
    gettext_noop("Until 5 years after your last interaction"),
    gettext_noop("The operator"),
    # legal
    gettext_noop("Legal obligations and requests of state bodies"),
    gettext_noop(
        "Keeping records that the law requires and answering lawful requests of courts and state bodies of the Republic of Kazakhstan."
    ),
    gettext_noop("As long as the law requires"),
    gettext_noop("State bodies, only on a lawful request"),
]

COOKIE_TEXTS = [
    gettext_noop("Necessary"),
    gettext_noop(
        "Sign-in, security (CSRF), the cart, language and your cookie choices. The portal cannot work without them."
    ),
    gettext_noop("Keeps you signed in and holds your cart."),
    gettext_noop("Protects forms against cross-site request forgery."),
    gettext_noop("Remembers the language you chose."),
    gettext_noop("Remembers which cookie groups you accepted or declined."),
    gettext_noop("Analytics"),
    gettext_noop("Counts visits and pages anonymously so that we can see what to improve."),
    gettext_noop("A random visitor id for anonymous visit statistics."),
    gettext_noop("Marketing"),
    gettext_noop("Lets advertising partners show ads that fit your interests."),
    gettext_noop("An advertising partner's id for relevant ads."),
]

# Field and model names of libraries (allauth, django-post-office, django-cookie-consent)
# that the pages about a person's data show (privacy/labels.py): the libraries have no Kazakh,
# and not all of these in Russian, so the portal's catalogue translates them.
LIBRARY_LABELS = [
    gettext_noop("User agent"),
    gettext_noop("Email To"),
    gettext_noop("Cc"),
    gettext_noop("Bcc"),
    gettext_noop("Subject"),
    gettext_noop("HTML Message"),
    gettext_noop("Cookie"),
]

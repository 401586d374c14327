"""Create the cookie groups and the cookies the portal sets (django-cookie-consent).

`necessary` is required and never asked about; `analytics` and `marketing` are optional
and stay off until the visitor accepts them.
"""

from django.db import migrations

GROUPS = [
    {
        "varname": "necessary",
        "name": "Necessary",
        "description": "Sign-in, security (CSRF), the cart, language and your cookie choices. "
        "The portal cannot work without them.",
        "is_required": True,
        "is_deletable": False,
        "ordering": 0,
        "cookies": [
            ("sessionid", "Keeps you signed in and holds your cart."),
            ("csrftoken", "Protects forms against cross-site request forgery."),
            ("django_language", "Remembers the language you chose."),
            ("cookie_consent", "Remembers which cookie groups you accepted or declined."),
        ],
    },
    {
        "varname": "analytics",
        "name": "Analytics",
        "description": "Counts visits and pages anonymously so that we can see what to improve.",
        "is_required": False,
        "is_deletable": True,
        "ordering": 10,
        "cookies": [("portal_analytics", "A random visitor id for anonymous visit statistics.")],
    },
    {
        "varname": "marketing",
        "name": "Marketing",
        "description": "Lets advertising partners show ads that fit your interests.",
        "is_required": False,
        "is_deletable": True,
        "ordering": 20,
        "cookies": [("portal_ads", "An advertising partner's id for relevant ads.")],
    },
]


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for spec in GROUPS:
        spec = dict(spec)
        cookies = spec.pop("cookies")
        group, _ = CookieGroup.objects.update_or_create(varname=spec.pop("varname"), defaults=spec)
        for name, description in cookies:
            Cookie.objects.update_or_create(
                cookiegroup=group, name=name, domain="", defaults={"description": description}
            )


def delete_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    CookieGroup.objects.filter(varname__in=[g["varname"] for g in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cookie_consent", "0004_cookie_natural_key")]

    operations = [migrations.RunPython(create_groups, delete_groups)]

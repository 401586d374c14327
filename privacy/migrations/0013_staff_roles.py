"""Staff roles as groups, each with the least permissions its work needs.

Superuser accounts are for setting the portal up; day-to-day staff get one of these:
- Privacy officer: data requests (and their own right to run them), legal holds, the
  breach register (and telling the people), requests of state bodies, and reading the
  ledgers and sweep runs.
- Moderator: listings and reviews (blocking, hiding) and complaints.
- Support: callback requests and feedback.
Permissions are created by Django after migrating; a fresh database has none yet, so
they are created here first for every app (what `post_migrate` would do).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Privacy officer": [
        ("privacy", "datarequest", ["view", "change"]),
        ("privacy", "datarequest", ["handle_datarequest"]),
        ("privacy", "legalhold", ["view", "add", "change"]),
        ("privacy", "breach", ["view", "add", "change", "notify_breach"]),
        ("privacy", "authorityrequest", ["view", "add"]),
        ("privacy", "consentevent", ["view"]),
        ("privacy", "disclosureevent", ["view"]),
        ("privacy", "restrictionevent", ["view"]),
        ("privacy", "acceptance", ["view"]),
        ("privacy", "sweeprun", ["view"]),
        ("privacy", "purpose", ["view"]),
    ],
    "Moderator": [
        ("listings", "listing", ["view", "change", "moderate_listing"]),
        ("listings", "review", ["view", "change", "moderate_review"]),
        ("support", "complaint", ["view", "change", "handle_complaint"]),
    ],
    "Support": [
        ("support", "callbackrequest", ["view", "change"]),
        ("support", "feedback", ["view", "change"]),
    ],
}


def _codename(action: str, model: str) -> str:
    return f"{action}_{model}" if action in ("view", "add", "change", "delete") else action


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=_codename(action, model),
                    )
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0012_breaches_restrictions_authorities_waiting_erasures"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("listings", "0008_moderation_cites_the_rule"),
        ("support", "0003_complaint_action_cites_the_rule"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

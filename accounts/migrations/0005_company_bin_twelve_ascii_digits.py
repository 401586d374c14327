"""A BIN is stored as twelve ASCII digits, so that its uniqueness cannot be bypassed.

The validator used to take any Unicode digits ("２００１…", "٢٠٠١…"), so one company could
register again under its BIN written in other digits. Rows written that way are rewritten
in ASCII digits first; a rewritten BIN that another company already holds is a duplicate
registration for staff to resolve, and the migration stops naming both companies.
"""

import unicodedata

from django.db import migrations, models


def _ascii_bin(value: str) -> str:
    characters = "".join(value.split())
    return "".join(str(unicodedata.digit(c, c)) for c in characters)


def normalise_bins(apps, schema_editor):
    Company = apps.get_model("accounts", "Company")
    for company in Company.objects.exclude(bin__regex=r"^[0-9]{12}$").only("pk", "bin"):
        ascii_bin = _ascii_bin(company.bin)
        holder = Company.objects.filter(bin=ascii_bin).exclude(pk=company.pk).first()
        if holder is not None:
            raise RuntimeError(
                f"Company {company.pk} registered the BIN of company {holder.pk} in other "
                f"digits ({company.bin!r}): resolve the duplicate, then migrate again."
            )
        Company.objects.filter(pk=company.pk).update(bin=ascii_bin)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_company_verify_permission"),
    ]

    operations = [
        migrations.RunPython(normalise_bins, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="company",
            constraint=models.CheckConstraint(
                condition=models.Q(("bin__regex", "^[0-9]{12}$")),
                name="company_bin_twelve_ascii_digits",
                violation_error_message="A BIN contains digits only.",
            ),
        ),
    ]

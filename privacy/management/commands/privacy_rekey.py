import os

from django.core.management.base import BaseCommand, CommandError

from privacy.rekey import ledgers_rekey


class Command(BaseCommand):
    help = (
        "Re-key guests' ledger rows after PRIVACY_HASH_KEY changed: give the old key in the "
        "environment variable PRIVACY_HASH_KEY_OLD (never on the command line)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--old-key-variable",
            default="PRIVACY_HASH_KEY_OLD",
            help="The environment variable that holds the old key.",
        )

    def handle(self, *args, old_key_variable, **options):
        old_key = os.environ.get(old_key_variable, "")
        if not old_key:
            raise CommandError(f"Set {old_key_variable} to the previous PRIVACY_HASH_KEY.")
        for ledger, rows in ledgers_rekey(old_key=old_key).items():
            self.stdout.write(f"{ledger}: {rows} rows re-keyed")

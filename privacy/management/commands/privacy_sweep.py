import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy.sweep import retention_sweep, retention_sweep_estimate


class Command(BaseCommand):
    help = "Erase the data of people inactive for PRIVACY_RETENTION_YEARS (the retention sweep)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument("--as-of", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--workers", type=int, help="Threads erasing batches (PRIVACY_SWEEP_WORKERS)."
        )

    def handle(self, *args, dry_run, as_of, batch_size, workers, **options):
        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError as error:
            raise CommandError("--as-of takes a date as YYYY-MM-DD.") from error
        progress = self._progress_bar(day) if sys.stdout.isatty() else None
        run = retention_sweep(
            as_of=day, dry_run=dry_run, batch_size=batch_size, workers=workers, progress=progress
        )
        if progress:
            self.stdout.write("")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(
            f"As of {run.as_of} (inactive since before {run.cutoff:%Y-%m-%d}): "
            f"{run.subjects} subjects {verb}, {run.held} held by a legal hold."
        )
        for source, rows in sorted(run.counts.items()):
            self.stdout.write(f"  {source}: {rows} rows")
        if run.duration:
            self.stdout.write(f"Took {run.duration.total_seconds():.1f} s.")

    def _progress_bar(self, day):
        total = max(retention_sweep_estimate(as_of=day or timezone.localdate()), 1)
        done = 0

        def progress(count: int):
            nonlocal done
            done += count
            filled = min(40, 40 * done // total)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (40 - filled)}] {done}", ending="")
            self.stdout.flush()

        return progress

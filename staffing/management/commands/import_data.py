"""`python manage.py import_data KIND FILE [--dry-run] [--skip-invalid]` (SPEC §14).

The command line has no signed-in user. It acts as the first active superuser (by id), who is
recorded as the author in the history and is not limited to any company; with no superuser it
acts as nobody, equally unrestricted: whoever runs manage.py can reach the database anyway.
It prints the counts and every error as `row N, column C: message`, and exits with status 1
when there were errors and nothing was imported (always the case for a dry run with errors).

The work an import hands to the Celery worker (judging the days of the people whose punches,
leave or placements changed) is done by the command itself before it ends, so that a script
running `attendance_sheet` next finds the days judged whether or not a worker runs (SPEC §14)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from onsite.celery import app as celery_app
from staffing.imports.services import KINDS, import_file


class Command(BaseCommand):
    help = (
        "Import staffing, punch or leave data from a CSV (UTF-8) or XLSX file, or punches from "
        "an attendance-device log; see SPEC §14 for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; change nothing."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the good rows and list the bad ones (otherwise a bad row stops all).",
        )

    def handle(self, *args, kind: str, file: Path, dry_run: bool, skip_invalid: bool, **options):
        if not file.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        user = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk")
        with file.open("rb") as handle, tasks_run_here():
            report = import_file(
                kind=kind,
                file=File(handle, name=file.name),
                user=user.first(),
                dry_run=dry_run,
                skip_invalid=skip_invalid,
            )
        self.stdout.write(
            _("%(kind)s: %(new)s new, %(updated)s updated, %(skipped)s unchanged, %(invalid)s bad")
            % {
                "kind": kind,
                "new": report.new,
                "updated": report.updated,
                "skipped": report.skipped,
                "invalid": report.invalid,
            }
        )
        for error in report.errors:
            self.stdout.write(str(error))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        elif report.written:
            self.stdout.write(
                _("Imported: %(new)s new, %(updated)s updated.")
                % {"new": report.new, "updated": report.updated}
            )
        if report.errors and not report.imported:
            raise CommandError(_("Nothing was imported."), returncode=1)


@contextmanager
def tasks_run_here() -> Iterator[None]:
    """Tasks queued meanwhile run in this process as they are queued (after the import's
    transaction commits), and a task that fails fails the command instead of being lost."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_eager_propagates
    conf.task_always_eager = conf.task_eager_propagates = True
    try:
        yield
    finally:
        conf.task_always_eager, conf.task_eager_propagates = saved

"""`python manage.py report_status --site CODE --week 2026-W41 --output FILE.csv|FILE.xlsx`
(SPEC §14): where each person placed at a site in a week stands with their weekly report, as of
the moment the command runs (`open` turns `overdue` at the due time, and `missing` once the
following Sunday has ended)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.org.models import Site
from tickets.exports.report_stats import status_csv, status_xlsx
from tickets.selectors.report_stats import parse_week, week_table

WRITERS = {".csv": status_csv, ".xlsx": status_xlsx}


class Command(BaseCommand):
    help = (
        "Write the weekly report status of a site: one row per person placed at the site on any "
        "day of the ISO week (staff_no, name, required, submitted_at, status). required is "
        "yes/no; submitted_at the first submission in site time (YYYY-MM-DD HH:MM), empty if "
        "none; status one of exempt, open, on_time, late, overdue, missing, as of now. A person "
        "moved during the week owes the report to the site of their last day and is exempt at "
        "the other."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, metavar="CODE", help="The site's code.")
        parser.add_argument("--week", required=True, metavar="YYYY-Www", help="e.g. 2026-W41")
        parser.add_argument(
            "--output",
            required=True,
            type=Path,
            metavar="FILE",
            help="Where to write: .csv (UTF-8 with BOM, the SPEC §14 columns) or .xlsx (the "
            "week's counts above the same rows).",
        )

    def handle(self, *args, site: str, week: str, output: Path, **options):
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(
                _("The output file must end in .csv or .xlsx: %(path)s") % {"path": output}
            )
        try:
            period = parse_week(week)
        except ValueError:
            raise CommandError(
                _("The week must be an ISO week written YYYY-Www, e.g. 2026-W41, not %(week)s.")
                % {"week": week}
            ) from None
        found = Site.objects.filter(code=site).first()
        if found is None:
            raise CommandError(_("No site has the code %(code)s.") % {"code": site})
        table = week_table(site=found, week=period, now=timezone.now(), trend_weeks=0)
        try:
            output.write_bytes(writer(table))
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": output, "reason": error.strerror or error}
            ) from error
        count = len(table.rows)
        self.stdout.write(
            ngettext(
                "%(count)s person written to %(path)s.",
                "%(count)s people written to %(path)s.",
                count,
            )
            % {"count": count, "path": output}
        )

"""`python manage.py ticket_report --site CODE --month YYYY-MM --output FILE.csv|FILE.xlsx|FILE.pdf`
(SPEC §14): the monthly service report of a site, computed from the tickets as they stand.

Minutes are wall-clock minutes from raising to acknowledgement and to resolution, whatever clock
the site's SLA runs on: a client reads "how long did we wait" in real minutes. Whether a target
was breached is judged against the ticket's due time, which the site's SLA clock (round the clock
or working hours) fixed when it was raised; so on a working-hours site a ticket raised on Friday
evening and answered on Monday morning shows its real wait and is still not breached."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from attendance.management.commands.attendance_sheet import parse_month
from onsite.org.models import Site
from tickets.exports.files import report_csv, report_pdf, report_xlsx
from tickets.selectors.report import month_report

WRITERS = {".csv": report_csv, ".xlsx": report_xlsx, ".pdf": report_pdf}


class Command(BaseCommand):
    help = (
        "Write the monthly service report of a site: one row per ticket raised in the month "
        "(number, category, priority, raised_at, response_minutes, response_breached, "
        "resolution_minutes, resolution_breached, rating). Minutes are wall-clock minutes from "
        "raising, empty when not reached; breached (yes/no) compares with the due times the "
        "site's SLA clock fixed at raising, and a target not reached is breached once its due "
        "time has passed, as of now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, metavar="CODE", help="The site's code.")
        parser.add_argument("--month", required=True, metavar="YYYY-MM", help="e.g. 2026-10")
        parser.add_argument(
            "--output",
            required=True,
            type=Path,
            metavar="FILE",
            help="Where to write: .csv (UTF-8 with BOM, the SPEC §14 columns), .xlsx (a summary "
            "sheet and the same rows) or .pdf (the summary and the breaches).",
        )

    def handle(self, *args, site: str, month: str, output: Path, **options):
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(
                _("The output file must end in .csv, .xlsx or .pdf: %(path)s") % {"path": output}
            )
        first = parse_month(month)
        found = Site.objects.select_related("client").filter(code=site).first()
        if found is None:
            raise CommandError(_("No site has the code %(code)s.") % {"code": site})
        report = month_report(site=found, month=first)
        try:
            output.write_bytes(writer(report))
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": output, "reason": error.strerror or error}
            ) from error
        count = report.total
        self.stdout.write(
            ngettext(
                "%(count)s ticket written to %(path)s.",
                "%(count)s tickets written to %(path)s.",
                count,
            )
            % {"count": count, "path": output}
        )

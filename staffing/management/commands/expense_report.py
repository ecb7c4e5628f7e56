"""`python manage.py expense_report --company NAME --month YYYY-MM --output FILE.csv|FILE.xlsx`
(SPEC §14): one row per site of the company, `site_code, transport, lodging, meals,
communication, subsidy, total, previous_average, flagged`, computed from the lines as they stand
(which lines count, and how the average is taken: staffing/selectors/expense_stats.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.converters import parse_month
from onsite.org.models import Company
from onsite.periods import Month
from staffing.selectors.expense_stats import month_table, report_csv, report_xlsx

WRITERS = {".csv": report_csv, ".xlsx": report_xlsx}


class Command(BaseCommand):
    help = (
        "Write a company's expenses of a month: one row per site (site_code, transport, "
        "lodging, meals, communication, subsidy, total, previous_average, flagged). Lines of "
        "submitted claims count (not drafts, not returned), at the site where the person was "
        "placed on the day; previous_average is the mean of the previous months (a month "
        "without expenses counts 0); flagged (yes/no) when the total is above the policy's "
        "factor times that mean, never when the mean is 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", required=True, metavar="NAME", help="The company's name.")
        parser.add_argument("--month", required=True, metavar="YYYY-MM", help="e.g. 2026-10")
        parser.add_argument(
            "--output",
            required=True,
            type=Path,
            metavar="FILE",
            help="Where to write: .csv (UTF-8 with BOM) or .xlsx, the same columns.",
        )

    def handle(self, *args, company: str, month: str, output: Path, **options):
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(
                _("The output file must end in .csv or .xlsx: %(path)s") % {"path": output}
            )
        try:
            held = Month.containing(parse_month(month))
        except ValueError:
            raise CommandError(
                _("The month must be written YYYY-MM, e.g. 2026-10, not %(month)s.")
                % {"month": month}
            ) from None
        found = Company.objects.filter(name=company.strip()).first()
        if found is None:
            raise CommandError(
                _("There is no dispatch company named “%(name)s”.") % {"name": company}
            )
        table = month_table(company=found, month=held)
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
                "%(count)s site written to %(path)s.",
                "%(count)s sites written to %(path)s.",
                count,
            )
            % {"count": count, "path": output}
        )

"""`python manage.py attendance_sheet --site CODE --month YYYY-MM --output FILE.csv|FILE.xlsx`
(SPEC §14).

The command line has no signed-in user: whoever runs manage.py can reach the database anyway, so
the file holds every person of the site, with the deduction amounts. It writes the days as they
were last judged; `--recompute` judges the site's month again first (a closed month stays as it
was closed). A script needs no worker: `import_data` judges the days its file changed before it
ends, so the sheet written next counts them."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from attendance.exports.files import sheet_csv, sheet_xlsx
from attendance.selectors.sheet import month_sheet
from attendance.services.days import days_recompute
from onsite import converters
from onsite.org.models import Site
from onsite.periods import month_bounds

WRITERS = {".csv": sheet_csv, ".xlsx": sheet_xlsx}


class Command(BaseCommand):
    help = (
        "Write the monthly attendance sheet of a site to a CSV or XLSX file: one row per person "
        "placed there, the SPEC §14 columns first, deduction amounts included. The days are "
        "written as they were last judged; give --recompute to judge the month again first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, metavar="CODE", help="The site's code.")
        parser.add_argument("--month", required=True, metavar="YYYY-MM", help="e.g. 2026-10")
        parser.add_argument(
            "--output",
            required=True,
            type=Path,
            metavar="FILE",
            help="Where to write; .csv (UTF-8 with BOM, English keys) or .xlsx.",
        )
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="Judge every day of the site's month again from the punches, leave, corrections "
            "and calendar before writing (days of a closed month are kept). Without it, the "
            "sheet is what the site's sheet page shows now.",
        )

    def handle(self, *args, site: str, month: str, output: Path, recompute: bool, **options):
        writer = WRITERS.get(output.suffix.lower())
        if writer is None:
            raise CommandError(
                _("The output file must end in .csv or .xlsx: %(path)s") % {"path": output}
            )
        first = parse_month(month)
        found = Site.objects.filter(code=site).first()
        if found is None:
            raise CommandError(_("No site has the code %(code)s.") % {"code": site})
        if recompute:
            start, end = month_bounds(first)
            days_recompute(start=start, end=end, site_ids=[found.pk])
        sheet = month_sheet(site=found, month=first)
        try:
            output.write_bytes(writer(sheet, with_amounts=True))
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": output, "reason": error.strerror or error}
            ) from error
        count = len(sheet.rows)
        self.stdout.write(
            ngettext(
                "%(count)s row written to %(path)s.", "%(count)s rows written to %(path)s.", count
            )
            % {"count": count, "path": output}
        )


def parse_month(text: str) -> datetime.date:
    try:
        return converters.parse_month(text)
    except ValueError:
        pass
    raise CommandError(
        _("The month must be written YYYY-MM, e.g. 2026-10, not %(month)s.") % {"month": text}
    )

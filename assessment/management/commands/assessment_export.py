"""`python manage.py assessment_export --site CODE --cycle 2026Q3 --output FILE.csv|.xlsx|.pdf`
(SPEC §14): the results of the people ranked at a site in a cycle, computed from the data as it
stands (assessment.selectors.export.site_rows).

A site may serve several companies through contracts; the cycle is the one of the company whose
people are placed at the site during it. When more than one such company has a cycle of that
label, `--company NAME` says which."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook

from assessment.models import Cycle
from assessment.selectors.export import COLUMNS, site_rows
from onsite.org.models import Assignment, Site
from onsite.spreadsheets import csv_bytes, xlsx_append, xlsx_bytes

SUFFIXES = (".csv", ".xlsx", ".pdf")


def _cells(row: dict) -> list:
    return [
        ("yes" if row[key] else "no")
        if key == "adjustment"
        else ("" if row[key] is None else row[key])
        for key in COLUMNS
    ]


def export_csv(rows: list[dict]) -> bytes:
    return csv_bytes([COLUMNS, *(_cells(row) for row in rows)])


def export_xlsx(rows: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "assessment"
    xlsx_append(sheet, COLUMNS)
    for row in rows:
        # Numbers stay numbers (Excel sums them); text is neutralised by xlsx_append.
        xlsx_append(sheet, [float(v) if hasattr(v, "as_tuple") else v for v in _cells(row)])
    return xlsx_bytes(workbook)


def find_cycle(*, site: Site, label: str, company: str | None) -> Cycle:
    cycles = Cycle.objects.select_related("company").filter(label=label)
    if company:
        cycles = cycles.filter(company__name=company)
    found = [
        cycle
        for cycle in cycles
        if Assignment.objects.filter(site=site, staff__company_id=cycle.company_id)
        .overlapping(cycle.first_day, cycle.last_day)
        .exists()
    ]
    if not found:
        raise CommandError(
            _("No company placed at %(site)s has the assessment cycle %(label)s.")
            % {"site": site.code, "label": label}
        )
    if len(found) > 1:
        raise CommandError(
            _(
                "Several companies at %(site)s have the cycle %(label)s; name one with --company: %(names)s"
            )
            % {
                "site": site.code,
                "label": label,
                "names": "、".join(sorted(cycle.company.name for cycle in found)),
            }
        )
    return found[0]


class Command(BaseCommand):
    help = (
        "Write the assessment results of the people ranked at a site in a cycle: staff_no, name, "
        "performance, attitude, teamwork, satisfaction, total, grade, site_rank, company_rank, "
        "adjustment (yes/no). A cycle not closed yet is computed as it stands, nothing saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, metavar="CODE", help="The site's code.")
        parser.add_argument("--cycle", required=True, metavar="LABEL", help="2026Q3 or 2026-07")
        parser.add_argument(
            "--company",
            metavar="NAME",
            help="The company, when several companies at the site have a cycle of that label.",
        )
        parser.add_argument(
            "--output", required=True, type=Path, metavar="FILE", help=".csv, .xlsx or .pdf"
        )

    def handle(self, *args, site: str, cycle: str, output: Path, company=None, **options):
        suffix = output.suffix.lower()
        if suffix not in SUFFIXES:
            raise CommandError(
                _("The output file must end in .csv, .xlsx or .pdf: %(path)s") % {"path": output}
            )
        found = Site.objects.filter(code=site).first()
        if found is None:
            raise CommandError(_("No site has the code %(code)s.") % {"code": site})
        chosen = find_cycle(site=found, label=(cycle or "").strip(), company=company)
        rows = site_rows(cycle=chosen, site=found)
        if suffix == ".pdf":
            data = self._pdf(chosen, found)
        else:
            data = (export_csv if suffix == ".csv" else export_xlsx)(rows)
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": output, "reason": error.strerror or error}
            ) from error
        self.stdout.write(
            ngettext(
                "%(count)s person written to %(path)s.",
                "%(count)s people written to %(path)s.",
                len(rows),
            )
            % {"count": len(rows), "path": output}
        )

    @staticmethod
    def _pdf(cycle: Cycle, site: Site) -> bytes:
        try:
            from assessment.services.pdf import sheets_pdf
        except ImportError as error:
            raise CommandError(_("PDF export of assessments is not available yet.")) from error
        from onsite.transitions import Refused

        try:
            return sheets_pdf(cycle=cycle, site=site)
        except Refused as refused:
            raise CommandError(" ".join(str(m) for m in refused.messages)) from refused

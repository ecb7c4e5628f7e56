"""The monthly sheet as XLSX, or asked for as a PDF made in the background: HR, a site's
supervisor and managers; staff, finance and client contacts are refused; site A's supervisor
knows nothing of site B."""

from tests.matrix import Row, statuses

SHEET_READERS = {"hr": 200, "manager": 200}


def export_row(fmt: str, site: str, **expect: int) -> Row:
    return Row(
        "attendance:sheet_export",
        statuses(403, **SHEET_READERS, **expect),
        args=lambda w: [getattr(w, f"site_{site}").pk, "2026-10", fmt],
        label=f"sheet_export {fmt} {site.upper()}",
    )


def pdf_row(site: str, **expect: int) -> Row:
    return Row(
        "attendance:sheet_pdf",
        statuses(403, hr=302, manager=302, **expect),
        method="post",
        args=lambda w: [getattr(w, f"site_{site}").pk, "2026-10"],
        label=f"sheet_pdf {site.upper()}",
    )


ROWS = [
    export_row("xlsx", "a", supervisor_a=200),
    export_row("xlsx", "b", supervisor_a=404),
    pdf_row("a", supervisor_a=302),
    pdf_row("b", supervisor_a=404),
]

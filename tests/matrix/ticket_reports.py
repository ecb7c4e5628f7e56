"""The monthly service report of a site (SPEC §11): HR and the manager of the company serving
both sites, site A's supervisor and its client contact read site A's; site B's the company's side
and site B's client contact; staff, finance and the rest get 404, as if the report did not
exist."""

from __future__ import annotations

from tests.matrix import Row, only

READERS_A = ("hr", "supervisor_a", "manager", "client_a")
READERS_B = ("hr", "manager", "client_b")


def site(code: str):
    return lambda w: [getattr(w, f"site_{code}").pk, "2026-10"]


ROWS = [
    Row("tickets:report_choose", only(READERS_A)),
    Row("tickets:report", only(READERS_A), args=site("a"), label="tickets:report A"),
    Row("tickets:report", only(READERS_B), args=site("b"), label="tickets:report B"),
    Row("tickets:report_xlsx", only(READERS_A), args=site("a"), label="tickets:report_xlsx A"),
    Row("tickets:report_xlsx", only(READERS_B), args=site("b"), label="tickets:report_xlsx B"),
    Row(
        "tickets:report_pdf",
        only(READERS_A, ok=302),
        method="post",
        args=site("a"),
        label="tickets:report_pdf A",
    ),
    Row(
        "tickets:report_pdf",
        only(READERS_B, ok=302),
        method="post",
        args=site("b"),
        label="tickets:report_pdf B",
    ),
]

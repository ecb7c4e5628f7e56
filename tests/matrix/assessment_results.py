"""The results of an assessment cycle (SPEC §12): HR and the manager of the company read the
company's ranking and every site's; site A's supervisor reads site A's (not the company's, not
site B's); staff, finance, client contacts and the rest get 404, as if the results did not exist.
The batch PDF is asked for with a POST that leads to the export job (302)."""

from __future__ import annotations

from decimal import Decimal

from tests import factories
from tests.matrix import Row, only

COMPANY = ("hr", "manager")
READERS_A = ("hr", "manager", "supervisor_a")
READERS_B = ("hr", "manager")


def closed_cycle(w):
    """A closed quarter with 张三 ranked at site A and 李四 at site B."""
    cycle = factories.CycleFactory(company=w.company, status="closed")
    for person, site, total in ((w.person_a, w.site_a, "88.0"), (w.person_b, w.site_b, "58.0")):
        factories.ResultFactory(
            cycle=cycle, staff=person, site=site, total=Decimal(total), site_rank=1
        )
    return cycle


def company(w):
    return [closed_cycle(w).pk]


def site(code: str):
    return lambda w: [closed_cycle(w).pk, getattr(w, f"site_{code}").pk]


ROWS = [
    Row("assessment:results_company", only(COMPANY), args=company),
    Row("assessment:results_xlsx", only(COMPANY), args=company, label="results_xlsx company"),
    *(
        Row(name, only(readers), args=site(code), label=f"{name} {code.upper()}")
        for name in ("assessment:results_site", "assessment:results_xlsx")
        for code, readers in (("a", READERS_A), ("b", READERS_B))
    ),
    *(
        Row(
            "assessment:results_pdf",
            only(readers, ok=302),
            method="post",
            args=site(code),
            label=f"assessment:results_pdf {code.upper()}",
        )
        for code, readers in (("a", READERS_A), ("b", READERS_B))
    ),
]

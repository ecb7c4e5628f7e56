"""The weekly report statistics of a site (SPEC §9): HR and the manager of the company serving
both sites read both, site A's supervisor site A's; staff, finance, client contacts and the rest
get 404, as if the statistics did not exist."""

from __future__ import annotations

from tests.matrix import Row, only

READERS_A = ("hr", "supervisor_a", "manager")
READERS_B = ("hr", "manager")


def week(code: str):
    return lambda w: [getattr(w, f"site_{code}").pk, "2026-W42"]


def quarter(code: str):
    return lambda w: [getattr(w, f"site_{code}").pk, "2026Q4"]


ROWS = [
    Row("tickets:report_stats_choose", only(READERS_A)),
    *(
        Row(name, only(readers), args=args(code), label=f"{name} {code.upper()}")
        for name, args in (
            ("tickets:report_stats", week),
            ("tickets:report_stats_xlsx", week),
            ("tickets:report_stats_quarter", quarter),
        )
        for code, readers in (("a", READERS_A), ("b", READERS_B))
    ),
]

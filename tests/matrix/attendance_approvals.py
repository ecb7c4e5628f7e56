"""The approvals inbox, its decide action and the "who is away" calendar (SPEC §6–§8): for
those who decide (site A's supervisor, the manager, HR); staff, finance and client contacts
are refused. The decide POST carries no requests here, so it only says "select some" (302)."""

from __future__ import annotations

from tests.matrix import Row, statuses

DECIDERS = {"hr": 200, "supervisor_a": 200, "manager": 200}

ROWS = [
    Row("attendance:approvals", statuses(403, **DECIDERS)),
    Row(
        "attendance:approvals_decide",
        statuses(403, hr=302, supervisor_a=302, manager=302),
        method="post",
    ),
    # With no site asked for, the reader's first site: site A for its supervisor.
    Row("attendance:away", statuses(403, **DECIDERS)),
]

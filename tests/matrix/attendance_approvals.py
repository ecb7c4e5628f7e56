"""The approvals inbox (the core's, at /approvals/), its decide action, its old address and the
"who is away" calendar (SPEC §6–§8): the inbox for every role that decides (site A's supervisor,
the manager, HR, finance); staff and client contacts are refused. The decide POST carries no
requests here, so it only says "select some" (302). The old address redirects anyone. The menu's
count of what waits answers those whose menu has the entry."""

from __future__ import annotations

from tests.matrix import Row, statuses

DECIDERS = {"hr": 200, "supervisor_a": 200, "manager": 200}

ROWS = [
    Row("inbox:list", statuses(403, finance=200, **DECIDERS)),
    Row(
        "inbox:decide",
        statuses(403, hr=302, supervisor_a=302, manager=302, finance=302),
        method="post",
    ),
    Row("attendance:approvals", statuses(302)),
    # The number beside the menu entry: for those whose menu has it; for anyone else no such entry.
    Row(
        "menu_count",
        statuses(404, hr=200, supervisor_a=200, manager=200, finance=200),
        args=lambda w: ["approvals"],
    ),
    # With no site asked for, the reader's first site: site A for its supervisor.
    Row("attendance:away", statuses(403, **DECIDERS)),
]

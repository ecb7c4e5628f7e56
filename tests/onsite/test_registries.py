"""The registries the core assembles its menu, beat schedule, import kinds and demo from: each
app fills them in its AppConfig.ready(), so the core imports no app. (The dashboard's cards
are tested in test_dashboard.py, the demo's steps by test_seed_demo.py.)"""

from __future__ import annotations

from onsite.access import Access
from onsite.celery import app
from onsite.importkinds import KEYS, import_kind, import_kinds
from onsite.navigation import ITEMS, NavItem, items_for, menu_register
from onsite.roles import Role


def test_every_periodic_job_names_a_task_the_worker_knows():
    app.loader.import_default_modules()
    schedule = dict(app.conf.beat_schedule)
    assert {
        "notifications-email-sweep",
        "qualification-daily",
        "attendance-judge-yesterday",
        "overtime-flag-yesterday",
    } <= set(schedule)
    unknown = [entry["task"] for entry in schedule.values() if entry["task"] not in app.tasks]
    assert not unknown


def test_import_kinds_come_in_the_order_a_company_is_loaded():
    assert [kind.key for kind in import_kinds()] == [
        "companies",
        "sites",
        "contracts",
        "staff",
        "assignments",
        "punches",
        "leave",
        "tickets",
    ]
    assert "punches" in KEYS
    assert import_kind("punches").bulk
    assert import_kind("payroll") is None
    assert import_kind(["punches"]) is None  # a forged form value is no kind


def test_a_menu_entry_of_an_unregistered_group_stands_on_its_own():
    entry = NavItem("Test page", "dashboard", (Role.FINANCE,), "test_page", group="nowhere")
    menu_register(entry)
    try:
        keys = [
            item["key"] for item in items_for(Access(is_authenticated=True, roles=(Role.FINANCE,)))
        ]
    finally:
        ITEMS.pop(entry.key)
    assert keys.index("dashboard") < keys.index("test_page") < keys.index("notifications")

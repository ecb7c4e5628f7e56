"""The registries the core assembles its menu, import kinds and demo from: each app fills them in
its AppConfig.ready(), so the core imports no app; and the beat schedule, the one list of every
periodic job in onsite/celery.py. (The dashboard's cards are tested in test_dashboard.py, the
demo's steps by test_seed_demo.py.)"""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab

from onsite import celery as celery_module
from onsite.access import Access
from onsite.celery import BEAT_SCHEDULE, app
from onsite.importkinds import KEYS, import_kind, import_kinds
from onsite.navigation import ITEMS, NavItem, items_for, menu_register
from onsite.roles import Role


def test_every_periodic_job_names_a_task_the_worker_knows():
    app.loader.import_default_modules()
    schedule = dict(app.conf.beat_schedule)
    assert schedule == BEAT_SCHEDULE
    assert {
        "notifications-email-sweep",
        "exports-sweep",
        "qualification-daily",
        "attendance-judge-yesterday",
        "overtime-flag-yesterday",
        "tickets-sla-remind",
        "tickets-autoclose",
        "tickets-inspections-missing",
        "reports-remind",
        "reports-digest",
    } <= set(schedule)
    unknown = [entry["task"] for entry in schedule.values() if entry["task"] not in app.tasks]
    assert not unknown
    assert all(isinstance(entry["schedule"], crontab) for entry in schedule.values())


def test_every_periodic_job_says_when_and_why():
    """Each entry of the one schedule in onsite/celery.py is preceded by its comment."""
    lines = Path(celery_module.__file__).read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("BEAT_SCHEDULE = {"))
    uncommented = []
    for name in BEAT_SCHEDULE:
        n = next(n for n in range(start, len(lines)) if lines[n].strip() == f'"{name}": {{')
        if not lines[n - 1].strip().startswith("#"):
            uncommented.append(name)
    assert not uncommented


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
        "expenses",
        "assessment_scores",
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

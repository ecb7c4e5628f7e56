"""Inspections (SPEC §11). Site A's inspections are seen by its supervisor, its client contact,
the people placed there, HR and the manager of the company serving it; site B's person and the
others get 404. The person on duty (placed at A) records the round and writes the deep report;
the supervisor and HR keep the checklist; the supervisor reviews the report (not its author)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import World
from tests.matrix import Row, only, statuses
from tickets.models import ChecklistItem, DeepInspection, ImprovementAction, Inspection

SEE_A = ("hr", "supervisor_a", "staff_a", "manager", "client_a")
READERS = (*SEE_A, "staff_b")
# Placed at A: staff_a and both people with two roles.
PLACED = {"staff_a": 200, "hr_staff": 200, "supervisor_staff": 200}
EDITORS = ("hr", "supervisor_a")


def site_a(w: World) -> list:
    return [w.site_a.pk]


def item_of_a(w: World) -> ChecklistItem:
    return ChecklistItem.objects.create(site=w.site_a, system="网络", item="核心交换机指示灯")


def item_a(w: World) -> list:
    return [item_of_a(w).pk]


def inspection_of_a(w: World) -> Inspection:
    return Inspection.objects.create(site=w.site_a, date=timezone.localdate(), inspector=w.person_a)


def inspection_a(w: World) -> list:
    return [inspection_of_a(w).pk]


def photo_a(w: World) -> list:
    inspection = inspection_of_a(w)
    result = inspection.results.create(item=item_of_a(w), ok=False, note="红灯")
    result.photo.save("灯.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return [inspection.pk, result.pk]


def report_of_a(w: World, status: str = "draft") -> DeepInspection:
    report = DeepInspection.objects.create(
        site=w.site_a, half="2026H2", findings="UPS 电池老化", author=w.staff_a, status=status
    )
    ImprovementAction.objects.create(
        report=report, action="更换电池", owner=w.person_a, due_on=timezone.localdate()
    )
    return report


def report_a(w: World) -> list:
    return [report_of_a(w).pk]


def submitted_a(w: World) -> list:
    return [report_of_a(w, "submitted").pk]


def action_a(w: World) -> list:
    report = report_of_a(w)
    return [report.pk, report.actions.get().pk]


# Seeing A but not placed there: refused (403); not seeing A: 404.
INSPECT_A = statuses(404, hr=403, supervisor_a=403, manager=403, client_a=403, **PLACED)
# The author (staff_a) changes the draft; the others who see A are refused.
AUTHOR_A = statuses(404, hr=403, supervisor_a=403, manager=403, client_a=403, staff_a=302)
AUTHOR_A.update(hr_staff=403, supervisor_staff=403)
EDIT_A = statuses(404, staff_a=403, manager=403, client_a=403, hr=200, supervisor_a=200)

ROWS = [
    Row("tickets:inspections", only(READERS, other=403)),
    Row("tickets:inspection_new", INSPECT_A, args=site_a),
    # An empty round is the form again with what is missing.
    Row(
        "tickets:inspection_new",
        INSPECT_A,
        method="post",
        args=site_a,
        label="tickets:inspection_new POST",
    ),
    Row("tickets:inspection", only(SEE_A), args=inspection_a),
    Row("tickets:inspection_photo", only(SEE_A), args=photo_a),
    Row("tickets:checklist", EDIT_A, args=site_a),
    Row(
        "tickets:checklist",
        EDIT_A,
        method="post",
        args=site_a,
        label="tickets:checklist POST",
    ),
    Row(
        "tickets:checklist_move",
        {**EDIT_A, **{k: 302 for k, v in EDIT_A.items() if v == 200}},
        method="post",
        args=item_a,
        data=lambda w: {"to": "up"},
    ),
    Row(
        "tickets:checklist_retire",
        {**EDIT_A, **{k: 302 for k, v in EDIT_A.items() if v == 200}},
        method="post",
        args=item_a,
    ),
    Row("tickets:deep_new", INSPECT_A, args=site_a),
    Row("tickets:deep_new", INSPECT_A, method="post", args=site_a, label="tickets:deep_new POST"),
    Row("tickets:deep", only(SEE_A), args=report_a),
    Row("tickets:deep_pdf", only(SEE_A), args=report_a),
    Row("tickets:deep_edit", AUTHOR_A, method="post", args=report_a),
    Row("tickets:deep_action_add", AUTHOR_A, method="post", args=report_a),
    Row("tickets:deep_action_remove", AUTHOR_A, method="post", args=action_a),
    Row("tickets:deep_submit", AUTHOR_A, method="post", args=report_a),
    # The supervisor of A reviews (hr_staff is HR, not a supervisor; supervisor_staff is not
    # the author here, so reviews too).
    Row(
        "tickets:deep_review",
        statuses(404, hr=403, staff_a=403, manager=403, client_a=403, supervisor_a=302),
        method="post",
        args=submitted_a,
        data=lambda w: {"decision": "accept"},
    ),
]

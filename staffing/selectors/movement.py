"""Reads of entering and leaving (SPEC §4): who may act, checklists as rows, the rotation list."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from onsite.access import access_for, acts_on_self
from onsite.org.models import Assignment
from onsite.periods import add_months, whole_months
from onsite.policy import PolicyTable
from staffing import permissions
from staffing.models import (
    ChangeKind,
    ChangeNotice,
    Offboarding,
    OffboardingItemKind,
    OnboardingItem,
    OnboardingItemKind,
)

# --- who may act ------------------------------------------------------------------------------


def is_hr_of(user, company_id: int) -> bool:
    return access_for(user).is_hr_for(company_id)


def is_manager_of(user, company_id: int) -> bool:
    """A manager of the whole company (a department manager is not enough to override a rule)."""
    access = access_for(user)
    return access.is_superuser or company_id in access.manager_companies


def supervises(user, site_id: int) -> bool:
    access = access_for(user)
    return access.is_superuser or site_id in access.supervised_sites


def may_tick(user, assignment: Assignment) -> bool:
    """Checklist items are ticked by HR of the person's company and the site's supervisors:
    badges, accounts and network access are handed out on site. Never on one's own placement."""
    if acts_on_self(user, assignment.staff):
        return False
    return is_hr_of(user, assignment.staff.company_id) or supervises(user, assignment.site_id)


def may_offboard(user, assignment: Assignment) -> bool:
    """Starting and completing an offboarding is HR's, never on one's own placement."""
    return is_hr_of(user, assignment.staff.company_id) and not acts_on_self(user, assignment.staff)


# Who decides a resignation is one rule, in staffing.permissions.
may_decide_resignation = permissions.may_decide_resignation


def notice_companies(user) -> frozenset[int]:
    """Companies whose change notices the user may file: HR admins' and managers'."""
    access = access_for(user)
    return access.hr_companies | access.manager_companies


# --- checklists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    kind: str
    label: str
    item: object | None  # the OnboardingItem / OffboardingItem, or None when never ticked

    @property
    def done(self) -> bool:
        return self.item is not None and self.item.done_at is not None


def onboarding_rows(assignment: Assignment) -> list[ChecklistRow]:
    items = {
        item.kind: item
        for item in OnboardingItem.objects.filter(assignment=assignment).select_related("done_by")
    }
    return [
        ChecklistRow(kind, label, items.get(kind)) for kind, label in OnboardingItemKind.choices
    ]


def onboarding_open_labels(assignment: Assignment) -> list[str]:
    return [str(row.label) for row in onboarding_rows(assignment) if not row.done]


def offboarding_rows(offboarding: Offboarding) -> list[ChecklistRow]:
    items = {item.kind: item for item in offboarding.items.select_related("done_by")}
    return [
        ChecklistRow(kind, label, items.get(kind)) for kind, label in OffboardingItemKind.choices
    ]


# --- rotation (SPEC §4, [003 第3篇]) ------------------------------------------------------------

ROTATION_KEYS = ("rotation_months", "rotation_min_months")


@dataclass(frozen=True)
class RotationDue:
    assignment: Assignment
    months: int  # whole months at the site today
    due_on: datetime.date  # the day the person became due
    notice_filed: bool  # a rotation or replacement notice is filed for a coming date


class _RotationPolicies:
    """Both rotation numbers for every (company, site) from one query of the settings table."""

    def __init__(self):
        self.table = PolicyTable(ROTATION_KEYS)

    def threshold(self, *, company_id: int, site_id: int) -> int:
        """Months after which a person is due: the rotation period, never less than the minimum."""
        return max(
            self.table.value(key, company_id=company_id, site_id=site_id) for key in ROTATION_KEYS
        )

    def smallest_threshold(self) -> int:
        """A lower bound of every threshold, to let the database skip recent placements."""
        return max(0, *(min(self.table.every_value(key)) for key in ROTATION_KEYS))


def rotation_due(
    *,
    company_ids: Iterable[int],
    department_ids: Iterable[int] = (),
    today: datetime.date | None = None,
) -> list[RotationDue]:
    """People whose current placement at one site has lasted at least the rotation period of
    its policy (never less than the minimum), longest first. Two queries, whatever the number
    of people: the rotation settings, and the placements with their people and sites."""
    today = today or timezone.localdate()
    policies = _RotationPolicies()
    scope = Q(staff__company_id__in=list(company_ids)) | Q(
        staff__department_id__in=list(department_ids)
    )
    notices = ChangeNotice.objects.filter(
        leaving=OuterRef("staff"),
        site=OuterRef("site"),
        kind__in=[ChangeKind.ROTATION, ChangeKind.REPLACEMENT],
        planned_on__gte=today,
    )
    placements = (
        Assignment.objects.active_on(today)
        .filter(scope, backup=False, start__lte=add_months(today, -policies.smallest_threshold()))
        .exclude(Exists(Offboarding.objects.filter(assignment=OuterRef("pk"))))
        .annotate(notice_filed=Exists(notices))
        .select_related("staff", "site", "position")
        .order_by("start", "staff__staff_no")
    )
    due = []
    for assignment in placements:
        threshold = policies.threshold(
            company_id=assignment.staff.company_id, site_id=assignment.site_id
        )
        due_on = add_months(assignment.start, threshold)
        if due_on <= today:
            due.append(
                RotationDue(
                    assignment=assignment,
                    months=whole_months(assignment.start, today),
                    due_on=due_on,
                    notice_filed=assignment.notice_filed,
                )
            )
    return due

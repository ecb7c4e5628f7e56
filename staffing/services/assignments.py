"""Placing people at sites (SPEC §2–§5): every rule that can refuse an assignment, in one place."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Contract, Position, Site, Staff, StaffStatus
from onsite.policy import policy_for
from onsite.signals import placements_changed_send
from onsite.transitions import Refused
from staffing.models import RecordKind, RewardPenalty
from staffing.selectors.assignments import (  # noqa: F401  (read here by the dashboard until it reads the selectors)
    contracts_understaffed,
    sites_without_backup,
)
from staffing.services.qualification import checks_missing
from staffing.services.staff import staff_change_status

PLACEABLE = (StaffStatus.QUALIFIED, StaffStatus.ON_SITE)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _refusals(*, staff, site, contract, position, start, end) -> list[str]:
    problems = []
    if position is None:
        problems.append(_("%(name)s has no position; set one first.") % {"name": staff.name})
    if staff.company_id != contract.company_id:
        problems.append(
            _("%(name)s works for %(company)s, not for the contract's company.")
            % {"name": staff.name, "company": staff.company}
        )
    if not contract.sites.filter(pk=site.pk).exists():
        problems.append(
            _("Contract %(contract)s does not cover %(site)s.")
            % {"contract": contract.code, "site": site.name}
        )
    if end is not None and end < start:
        problems.append(_("The end date is before the start date."))
    if start < contract.start or (end or contract.end) > contract.end:
        problems.append(
            _("The assignment must lie within the contract period, %(start)s to %(end)s.")
            % {"start": contract.start, "end": contract.end}
        )
    if staff.status not in PLACEABLE:
        problems.append(
            _("%(name)s is “%(status)s”; only qualified people can be placed.")
            % {"name": staff.name, "status": staff.get_status_display()}
        )
    missing = checks_missing(staff=staff, on=start)
    if missing:
        problems.append(
            _("Qualification checks not passed on %(date)s: %(checks)s.")
            % {"date": start, "checks": "、".join(missing)}
        )
    policy = policy_for(company=staff.company, site=site)
    age = age_on(staff.birth_date, start)
    if age < policy.minimum_age or (policy.maximum_age and age > policy.maximum_age):
        problems.append(
            _("%(name)s is %(age)s on %(date)s; the policy allows %(minimum)s to %(maximum)s.")
            % {
                "name": staff.name,
                "age": age,
                "date": start,
                "minimum": policy.minimum_age,
                "maximum": policy.maximum_age or "—",
            }
        )
    ban = RewardPenalty.objects.filter(staff=staff, site=site, kind=RecordKind.SITE_BAN).first()
    if ban:
        problems.append(
            _("%(name)s is banned from %(site)s since %(date)s.")
            % {"name": staff.name, "site": site.name, "date": ban.date}
        )
    clash = (
        Assignment.objects.filter(staff=staff, backup=False)
        .overlapping(start, end)
        .select_related("site")
        .first()
    )
    if clash:
        problems.append(
            _("%(name)s is already placed at %(site)s from %(start)s.")
            % {"name": staff.name, "site": clash.site.name, "start": clash.start}
        )
    return problems


def peak_headcount(
    *, contract: Contract, start: datetime.date, end: datetime.date
) -> tuple[int, datetime.date]:
    """The most people the contract has placed on any one day of [start, end], and that day."""
    overlapping = list(contract.assignments.overlapping(start, end).values_list("start", "end"))
    days = {start} | {s for s, _e in overlapping if s >= start}
    peak, peak_day = 0, start
    for day in sorted(days):
        count = sum(1 for s, e in overlapping if s <= day and (e is None or e >= day))
        if count > peak:
            peak, peak_day = count, day
    return peak, peak_day


def assignment_create(
    *,
    staff: Staff,
    site: Site,
    contract: Contract,
    start: datetime.date,
    end: datetime.date | None = None,
    backup: bool = False,
    position: Position | None = None,
    by,
    today: datetime.date | None = None,
) -> Assignment:
    refuse_own_record(by=by, staff=staff)
    today = today or timezone.localdate()
    position = position or staff.position
    problems = _refusals(
        staff=staff, site=site, contract=contract, position=position, start=start, end=end
    )
    if problems:
        raise Refused(*problems)
    with transaction.atomic():
        # Locking the contract serialises assignments under it: two HR admins placing the last
        # person at once cannot both pass the quota check.
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        peak, day = peak_headcount(contract=contract, start=start, end=end or contract.end)
        if peak + 1 > contract.headcount:
            raise Refused(
                _(
                    "Contract %(contract)s allows %(quota)s people; %(count)s are already placed "
                    "on %(date)s."
                )
                % {
                    "contract": contract.code,
                    "quota": contract.headcount,
                    "count": peak,
                    "date": day,
                }
            )
        assignment = Assignment(
            staff=staff,
            site=site,
            contract=contract,
            position=position,
            start=start,
            end=end,
            backup=backup,
        )
        assignment._history_user = by
        assignment.save()
        # Attendance judges a person's days by where they were placed.
        placements_changed_send(
            sender=Assignment, staff_ids=[staff.pk], start=start, end=end or today
        )
        if start <= today and staff.status == StaffStatus.QUALIFIED:
            staff_change_status(
                staff=staff,
                to=StaffStatus.ON_SITE,
                by=by,
                reason=_("Placed at %(site)s") % {"site": site.name},
            )
    return assignment

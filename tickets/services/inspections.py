"""Writes of inspections (巡检, SPEC §11): the site's checklist, the day's inspection recorded
by the person on duty (a failed item opens a fault ticket, in the same transaction), the flag of
a working day left without one, and the half-yearly deep inspection report with its review.
Every refusal is a translated Refused; every rule is checked here, whoever calls."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.org.models import Assignment, Site, Staff
from onsite.recipients import supervisors
from onsite.reminders import reminders_send
from onsite.services import notification_create
from onsite.templatetags.onsite import person_name
from onsite.transitions import Refused
from tickets import permissions as rules
from tickets.models import (
    Category,
    Channel,
    ChecklistItem,
    DeepInspection,
    DeepInspectionStatus,
    ImprovementAction,
    Inspection,
    InspectionResult,
    Priority,
)
from tickets.services.tickets import ticket_raise

D = DeepInspectionStatus
MISSING = "tickets.inspection_missing"
SUBMITTED = "tickets.deep_submitted"
REVIEWED = "tickets.deep_reviewed"
SYSTEM_LENGTH = ChecklistItem._meta.get_field("system").max_length
ITEM_LENGTH = ChecklistItem._meta.get_field("item").max_length
NOTE_LENGTH = InspectionResult._meta.get_field("note").max_length
ACTION_LENGTH = ImprovementAction._meta.get_field("action").max_length
FINDINGS_LENGTH = DeepInspection._meta.get_field("findings").max_length
# Who a fault ticket from an inspection is raised for: the round itself, on the client's behalf.
RAISED_FOR = "日常巡检"


# The checklist ------------------------------------------------------------------------------------


def _may_edit(by, site: Site) -> None:
    if not rules.may_edit_checklist(by, site):
        raise Refused(_("Only the site's supervisor or HR edits its checklist."))


def checklist_item_add(*, site: Site, by, system: str, item: str) -> ChecklistItem:
    """A new line at the end of the site's checklist."""
    _may_edit(by, site)
    system, item = system.strip(), item.strip()
    if not system or not item:
        raise Refused(_("Name the system and what to check."))
    if len(system) > SYSTEM_LENGTH or len(item) > ITEM_LENGTH:
        raise Refused(
            _("Keep the system within %(system)s characters and the item within %(item)s.")
            % {"system": SYSTEM_LENGTH, "item": ITEM_LENGTH}
        )
    if ChecklistItem.objects.filter(site=site, system=system, item=item, active=True).exists():
        raise Refused(_("The checklist has this item already."))
    last = ChecklistItem.objects.filter(site=site).aggregate(last=Max("order"))["last"]
    line = ChecklistItem(site=site, system=system, item=item, order=(last or 0) + 1)
    line._history_user = by
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        # Added by someone else meanwhile (the constraint on active items).
        raise Refused(_("The checklist has this item already.")) from None
    return line


def checklist_item_move(*, item: ChecklistItem, by, up: bool) -> None:
    """One place up or down among the site's items in use (swapping with its neighbour)."""
    _may_edit(by, item.site)
    with transaction.atomic():
        lines = list(
            ChecklistItem.objects.select_for_update()
            .filter(site_id=item.site_id, active=True)
            .order_by("order", "pk")
        )
        ids = [line.pk for line in lines]
        if item.pk not in ids:
            raise Refused(_("This item is not in use any more."))
        at = ids.index(item.pk)
        to = at - 1 if up else at + 1
        if not 0 <= to < len(lines):
            return
        lines[at], lines[to] = lines[to], lines[at]
        # Renumber from 1 so that equal orders (older data) sort the same way each time.
        for n, line in enumerate(lines, start=1):
            if line.order != n:
                line.order = n
                line._history_user = by
                line.save(update_fields=["order"])


def checklist_item_retire(*, item: ChecklistItem, by) -> None:
    """Out of the checklist from now on; the records that checked it keep it."""
    _may_edit(by, item.site)
    if not item.active:
        return
    item.active = False
    item._history_user = by
    item.save(update_fields=["active"])


# The day's inspection -----------------------------------------------------------------------------


@dataclass
class Check:
    """One line of the round as recorded: the item, ok or failed, a note, a photo (or None)."""

    item: ChecklistItem
    ok: bool
    note: str = ""
    photo: object = None


def _already(inspection: Inspection) -> Refused:
    return Refused(
        _("The inspection of %(site)s on %(date)s is recorded already, by %(name)s at %(time)s.")
        % {
            "site": inspection.site.name,
            "date": inspection.date.isoformat(),
            "name": inspection.inspector.name,
            "time": timezone.localtime(inspection.recorded_at).strftime("%H:%M"),
        }
    )


def inspection_record(
    *, site: Site, by, checks: list[Check], note: str = "", now: datetime.datetime | None = None
) -> Inspection:
    """Today's inspection of `site`: one line per item in use. Each failed item opens a fault
    ticket linked to it, raised by the inspector for the round; all or nothing."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    if not rules.may_inspect(by, site):
        raise Refused(_("Only someone placed at the site records its inspection."))
    staff_id = access_for(by).staff_id
    if staff_id is None:
        raise Refused(_("Only someone placed at the site records its inspection."))
    done = Inspection.objects.filter(site=site, date=day).select_related("site", "inspector")
    if done.exists():
        raise _already(done.get())
    wanted = set(ChecklistItem.objects.filter(site=site, active=True).values_list("pk", flat=True))
    if not wanted:
        raise Refused(_("%(site)s has no checklist yet.") % {"site": site.name})
    given = [check.item.pk for check in checks]
    if set(given) != wanted or len(given) != len(wanted):
        raise Refused(_("The checklist changed meanwhile: open the page again."))
    for check in checks:
        check.note = check.note.strip()
        if not check.ok and not check.note:
            raise Refused(_("Say what is wrong with “%(item)s”.") % {"item": check.item})
        if len(check.note) > NOTE_LENGTH:
            raise Refused(_("Keep each note within %(n)s characters.") % {"n": NOTE_LENGTH})
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                site=site, date=day, inspector_id=staff_id, recorded_at=now, note=note.strip()
            )
            for check in checks:
                _result(inspection, check, by=by, now=now)
    except IntegrityError:
        # The same round sent twice at once (a double click): the first one stands.
        first = done.first()
        if first is None:
            raise
        raise _already(first) from None
    return inspection


def _result(inspection: Inspection, check: Check, *, by, now) -> InspectionResult:
    result = InspectionResult(inspection=inspection, item=check.item, ok=check.ok, note=check.note)
    if check.photo:
        result.photo = check.photo
        try:
            result.full_clean(exclude=["inspection", "item"], validate_constraints=False)
        except ValidationError as error:
            raise Refused(
                *(
                    _("%(item)s: %(error)s") % {"item": check.item, "error": m}
                    for ms in error.message_dict.values()
                    for m in ms
                )
            ) from None
    result.save()
    if not check.ok:
        ticket = ticket_raise(
            site=inspection.site,
            by=by,
            category=Category.FAULT,
            priority=Priority.NORMAL,
            title=str(check.item)[:120],
            description=check.note,
            channel=Channel.WALK_UP,
            raised_for_name=RAISED_FOR,
            now=now,
        )
        ticket.inspection_result = result
        ticket._history_user = by
        ticket.save(update_fields=["inspection_result"])
    return result


# The flag of a day without one --------------------------------------------------------------------


def missing_inspections(day: datetime.date) -> list[Site]:
    """The sites with someone placed there on `day`, a working day of their calendar, an item
    in their checklist, and no inspection recorded."""
    from attendance.selectors.calendar import WorkCalendar

    site_ids = set(Assignment.objects.active_on(day).values_list("site_id", flat=True))
    site_ids &= set(
        ChecklistItem.objects.filter(active=True, site_id__in=site_ids).values_list(
            "site_id", flat=True
        )
    )
    site_ids -= set(Inspection.objects.filter(date=day).values_list("site_id", flat=True))
    calendar = WorkCalendar(start=day, end=day, site_ids=site_ids)
    return [
        site
        for site in Site.objects.filter(pk__in=site_ids).order_by("pk")
        if calendar.is_working(day, site.pk)
    ]


def inspections_missing_flag(*, today: datetime.date | None = None) -> int:
    """Tell each site's supervisors, the morning after, that yesterday (a working day) has no
    inspection record; once per site and day however often it runs."""
    today = today or timezone.localdate()
    day = today - datetime.timedelta(days=1)

    def send(site: Site) -> None:
        notification_create(
            recipients=list(supervisors([site.pk])),
            kind=MISSING,
            params={"site": site.name, "site_id": site.pk, "date": day.isoformat()},
        )

    return reminders_send(
        kind=MISSING,
        items=missing_inspections(day),
        key=lambda site: str(site.pk),
        period=day.isoformat(),
        send=send,
    )


# The half-yearly deep inspection ------------------------------------------------------------------


def half_of(day: datetime.date) -> str:
    return f"{day.year}H{1 if day.month <= 6 else 2}"


def _may_write(by, site: Site) -> None:
    if not rules.may_inspect(by, site):
        raise Refused(_("Only someone placed at the site writes its deep inspection report."))


def _editable(report: DeepInspection, by) -> None:
    if report.author_id != by.pk:
        raise Refused(_("Only the report's author changes it."))
    if report.status not in (D.DRAFT, D.RETURNED):
        raise Refused(
            _("This report is “%(status)s”: it is not changed any more.")
            % {"status": report.get_status_display()}
        )


def _findings(findings: str) -> str:
    findings = findings.strip()
    if not findings:
        raise Refused(_("Write down the findings."))
    if len(findings) > FINDINGS_LENGTH:
        raise Refused(_("Keep the findings within %(n)s characters.") % {"n": FINDINGS_LENGTH})
    return findings


def _deep_params(report: DeepInspection) -> dict:
    return {"site": report.site.name, "half": report.half, "report": report.pk}


def deep_create(*, site: Site, by, half: str, findings: str) -> DeepInspection:
    """A draft report of `half` ("2026H2") for the site, by someone placed there."""
    _may_write(by, site)
    half = half.strip().upper()
    if len(half) != 6 or not half[:4].isdigit() or half[4:] not in ("H1", "H2"):
        raise Refused(_("Name the half-year as 2026H1 or 2026H2."))
    report = DeepInspection(site=site, half=half, findings=_findings(findings), author=by)
    report._history_user = by
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise Refused(
            _("%(site)s has a deep inspection report for %(half)s already.")
            % {"site": site.name, "half": half}
        ) from None
    return report


def deep_update(*, report: DeepInspection, by, findings: str) -> DeepInspection:
    _editable(report, by)
    report.findings = _findings(findings)
    report._history_user = by
    report.save(update_fields=["findings"])
    return report


def action_add(
    *, report: DeepInspection, by, action: str, owner: Staff, due_on: datetime.date
) -> ImprovementAction:
    """A step of the improvement plan, owned by someone placed at the site."""
    _editable(report, by)
    action = action.strip()
    if not action:
        raise Refused(_("Say what is to be improved."))
    if len(action) > ACTION_LENGTH:
        raise Refused(_("Keep the improvement within %(n)s characters.") % {"n": ACTION_LENGTH})
    if not Assignment.objects.active_today().filter(staff=owner, site_id=report.site_id).exists():
        raise Refused(
            _("%(name)s is not placed at %(site)s.")
            % {"name": owner.name, "site": report.site.name}
        )
    return ImprovementAction.objects.create(
        report=report, action=action, owner=owner, due_on=due_on
    )


def action_remove(*, action: ImprovementAction, by) -> None:
    _editable(action.report, by)
    action.delete()


def deep_submit(*, report: DeepInspection, by, now=None) -> DeepInspection:
    """Sent to the site's supervisors for review; a report without a plan is not."""
    _editable(report, by)
    if not report.actions.exists():
        raise Refused(_("Add at least one improvement to the plan before submitting."))
    with transaction.atomic():
        locked = DeepInspection.objects.select_for_update().get(pk=report.pk)
        _editable(locked, by)
        locked.status = D.SUBMITTED
        locked.submitted_at = now or timezone.now()
        locked._history_user = by
        locked._change_reason = _("Submitted")
        locked.save(update_fields=["status", "submitted_at"])
        notification_create(
            recipients=[u for u in supervisors([locked.site_id]) if u.pk != by.pk],
            kind=SUBMITTED,
            params=_deep_params(locked),
        )
    return locked


def deep_review(*, report: DeepInspection, by, accept: bool, note: str = "", now=None):
    """The site's supervisor accepts the report, or returns it with a note; never its author."""
    if not rules.may_review_deep(by, report.site):
        raise Refused(_("Only the site's supervisor reviews its deep inspection report."))
    if report.author_id == by.pk:
        raise Refused(_("A report is reviewed by someone other than its author."))
    note = note.strip()
    if not accept and not note:
        raise Refused(_("Say why the report is returned."))
    with transaction.atomic():
        locked = DeepInspection.objects.select_for_update().get(pk=report.pk)
        if locked.status != D.SUBMITTED:
            raise Refused(
                _("This report is “%(status)s”: only a submitted one is reviewed.")
                % {"status": locked.get_status_display()}
            )
        locked.status = D.REVIEWED if accept else D.RETURNED
        locked.reviewed_by = by
        locked.reviewed_at = now or timezone.now()
        locked.review_note = note
        locked._history_user = by
        locked._change_reason = (
            _("Accepted by %(name)s") if accept else _("Returned by %(name)s")
        ) % {"name": person_name(by)}
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        notification_create(
            recipients=[locked.author],
            kind=REVIEWED,
            params={**_deep_params(locked), "accepted": accept, "note": note},
        )
    return locked

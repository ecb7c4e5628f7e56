"""Writes of work reports (工作汇报, SPEC §9): the person opens their report of a period (a draft
for the site they owe it to, due when tickets.selectors.duties says), keeps it as a draft, attaches
files and submits it; a supervisor of the site reads it (已读), comments, and marks it reviewed or
returns it with a comment, after which the author submits it again.

Who owes what is decided by tickets.selectors.duties alone. Status changes go through the
report's workflow (tickets.services.report_workflow, registered in TicketsConfig.ready()): row lock, re-check,
history; the second of two supervisors acting at once reads what happened meanwhile."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.org.models import Staff
from onsite.policy import PolicyTable
from onsite.recipients import supervisors
from onsite.services import notification_create
from onsite.templatetags.onsite import person_name
from onsite.transitions import Refused, TransitionError
from onsite.workflows import workflow_for
from tickets import permissions as rules
from tickets.models import (
    Report,
    ReportAttachment,
    ReportComment,
    ReportKind,
    ReportStatus,
)
from tickets.selectors.duties import POLICY_KEYS, Duty, Period, duty_of, kind_is_on

R = ReportStatus
SUBMITTED = "tickets.report_submitted"
RETURNED = "tickets.report_returned"
REVIEWED = "tickets.report_reviewed"
COMMENTED = "tickets.report_comment"
REMINDER = "tickets.report_reminder"
TEXT_LENGTH = Report._meta.get_field("work_done").max_length
COMMENT_LENGTH = ReportComment._meta.get_field("body").max_length
# The fields the author writes, each kept within the model's length.
FIELDS = ("work_done", "problems", "next_plan")


def _flow():
    return workflow_for("report")


def status_word(status: str) -> str:
    """A report's status as its pages word it (its labels carry the "report status" context)."""
    return str(R(status).label)


def _meanwhile(status: str) -> Refused:
    return Refused(str(_flow().meanwhile) % {"status": status_word(status)})


def _move(report: Report, *, to: str, by, reason: str, also=None) -> Report:
    """The workflow's transition; the second of two deciders reads what happened meanwhile."""
    try:
        return _flow().move(report, to=to, by=by, reason=reason, also=also)
    except TransitionError:
        raise _meanwhile(Report.objects.get(pk=report.pk).status) from None


def params_of(report: Report, **more) -> dict:
    """What every notification of a report carries: whose, which and where (names, never
    logins), and its id for the link."""
    return {
        "name": report.staff.name,
        "kind": report.kind,
        "period": report.period,
        "site": report.site.name,
        "site_id": report.site_id,
        "report": report.pk,
        **more,
    }


# Opening and writing -------------------------------------------------------------------------------


def report_duty(*, staff: Staff, kind: str, period: Period, now: datetime.datetime) -> Duty:
    """What the person owes for `kind` and `period`, where, and by when; refused when they were
    not placed anywhere in the period, when the site does not ask for that kind, or for a period
    not begun yet."""
    duty = duty_of(staff=staff, kind=kind, period=period, now=now)
    if duty is None:
        raise Refused(
            _("You were not placed at any site in %(period)s: there is no report to write.")
            % {"period": period.label}
        )
    if not kind_is_on(
        kind, policy=PolicyTable(POLICY_KEYS), company_id=staff.company_id, site_id=duty.site.pk
    ):
        raise Refused(
            _("%(site)s does not ask for a %(kind)s.")
            % {"site": duty.site.name, "kind": ReportKind(kind).label}
        )
    if period.first > timezone.localtime(now, duty.due_at.tzinfo).date():
        raise Refused(_("%(period)s has not begun yet.") % {"period": period.label})
    return duty


def report_open(
    *, staff: Staff, kind: str, period: Period, by, now: datetime.datetime | None = None
) -> Report:
    """The person's report of `kind` and `period`: the one they have, else a new draft for the
    site they owe it to (report_duty), due when the site's policy says."""
    now = now or timezone.now()
    if access_for(by).staff_id != staff.pk:
        raise Refused(_("A report is written by the person it is about."))
    found = Report.objects.filter(staff=staff, kind=kind, period=period.label).first()
    if found is not None:
        return found
    duty = report_duty(staff=staff, kind=kind, period=period, now=now)
    report = Report(
        staff=staff,
        site=duty.site,
        kind=kind,
        period=period.label,
        starts_on=period.first,
        ends_on=period.last,
        due_at=duty.due_at,
        created_at=now,
    )
    report._history_user = by
    report._change_reason = _("Draft started")
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Opened twice at once (two tabs): the first draft stands.
        return Report.objects.get(staff=staff, kind=kind, period=period.label)
    return report


def _editable(report: Report, by) -> None:
    if not rules.writes_report(by, report):
        raise Refused(_("Only the report's author changes it."))
    if not report.is_editable:
        raise Refused(
            _("This report is “%(status)s”: it is not changed any more.")
            % {"status": status_word(report.status)}
        )


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LENGTH:
        raise Refused(
            _("Keep “%(field)s” within %(n)s characters.") % {"field": label, "n": TEXT_LENGTH}
        )
    return value


def report_save(
    *, report: Report, by, work_done: str = "", problems: str = "", next_plan: str = ""
) -> Report:
    """The author's text, kept as it is (a draft, or a returned report being completed)."""
    _editable(report, by)
    values = {
        "work_done": _text(work_done, _("Work done")),
        "problems": _text(problems, _("Problems and risks")),
        "next_plan": _text(next_plan, _("Next period's plan")),
    }
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        _editable(locked, by)
        for name, value in values.items():
            setattr(locked, name, value)
            setattr(report, name, value)
        locked._history_user = by
        locked._change_reason = _("Saved")
        locked.save(update_fields=list(values))
    return report


def report_attachment_add(*, report: Report, by, upload) -> ReportAttachment:
    """A file on the report; its size, type and first bytes are checked by the field, as a
    ticket's attachments are."""
    _editable(report, by)
    attachment = ReportAttachment(
        report=report, name=upload.name[:200], size=upload.size, uploaded_by=by, file=upload
    )
    try:
        attachment.full_clean(exclude=["report", "uploaded_by"])
    except ValidationError as error:
        raise Refused(
            *(
                _("%(file)s: %(error)s") % {"file": upload.name, "error": m}
                for ms in error.message_dict.values()
                for m in ms
            )
        ) from None
    attachment.save()
    return attachment


def report_attachment_remove(*, attachment: ReportAttachment, by) -> None:
    _editable(attachment.report, by)
    attachment.file.delete(save=False)
    attachment.delete()


# Submitting ----------------------------------------------------------------------------------------


def report_submit(*, report: Report, by, now: datetime.datetime | None = None) -> Report:
    """Sent to the site's supervisors. The first submission decides on time or late and is kept
    when a returned report is sent again; what work was done must be said."""
    now = now or timezone.now()
    _editable(report, by)
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("staff", "site").get(pk=report.pk)
        )
        _editable(locked, by)
        if not locked.work_done.strip():
            raise Refused(_("Say what work was done before submitting."))
        again = locked.first_submitted_at is not None
        also = {"submitted_at": now, "read_at": None, "read_by": None}
        if not again:
            also["first_submitted_at"] = now
        moved = _move(
            locked,
            to=R.SUBMITTED,
            by=by,
            reason=_("Submitted again") if again else _("Submitted"),
            also=also,
        )
        notification_create(
            recipients=[u for u in supervisors([locked.site_id]) if u.pk != by.pk],
            kind=SUBMITTED,
            params=params_of(locked, again=again, late=moved.first_submitted_at > moved.due_at),
        )
    for name in ("status", *also):
        setattr(report, name, getattr(moved, name))
    return moved


# Reading, commenting, reviewing --------------------------------------------------------------------


def report_mark_read(*, report: Report, by, now: datetime.datetime | None = None) -> bool:
    """The first opening of a submitted report by a supervisor of its site: the author sees 已读
    and when. The status stays; True when this opening was the first."""
    if report.status == R.DRAFT or report.read_at is not None:
        return False
    if not rules.may_review_report(by, report):
        return False
    now = now or timezone.now()
    marked = (
        Report.objects.filter(pk=report.pk, read_at__isnull=True)
        .exclude(status=R.DRAFT)
        .update(read_at=now, read_by=by)
    )
    if marked:
        report.read_at, report.read_by = now, by
    return marked == 1


def _comment_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise Refused(_("Write the comment."))
    if len(body) > COMMENT_LENGTH:
        raise Refused(_("Keep the comment within %(n)s characters.") % {"n": COMMENT_LENGTH})
    return body


def report_comment(
    *, report: Report, by, body: str, now: datetime.datetime | None = None
) -> ReportComment:
    """A line in the report's thread, by its author or a supervisor of the site; the other side
    is told."""
    if not rules.may_comment_report(by, report):
        raise Refused(_("Only the report's author and the site's supervisors comment on it."))
    body = _comment_body(body)
    with transaction.atomic():
        comment = ReportComment.objects.create(
            report=report, author=by, body=body, created_at=now or timezone.now()
        )
        if rules.writes_report(by, report):
            told = [u for u in supervisors([report.site_id]) if u.pk != by.pk]
        else:
            told = [report.staff.user] if report.staff.user_id else []
        notification_create(
            recipients=told,
            kind=COMMENTED,
            params=params_of(report, by=person_name(by), note=body),
        )
    return comment


def _may_decide(report: Report, by) -> None:
    if rules.writes_report(by, report):
        raise Refused(_("A report is reviewed by someone other than its author."))
    if not rules.may_review_report(by, report):
        raise Refused(_("Only the site's supervisor reviews its reports."))
    if report.status in (R.REVIEWED, R.RETURNED):
        raise _meanwhile(report.status)
    if report.status != R.SUBMITTED:
        raise Refused(_("Only a submitted report is reviewed or returned."))


def report_review(
    *, report: Report, by, note: str = "", now: datetime.datetime | None = None
) -> Report:
    """Marked reviewed by a supervisor of the site, with a comment if they give one."""
    _may_decide(report, by)
    now = now or timezone.now()
    note = (note or "").strip()
    if note:
        note = _comment_body(note)
    with transaction.atomic():
        moved = _move(
            report,
            to=R.REVIEWED,
            by=by,
            reason=_("Reviewed by %(name)s") % {"name": person_name(by)},
            also={"reviewed_at": now, "reviewed_by": by},
        )
        _read_by(moved, by, now)
        if note:
            ReportComment.objects.create(report=moved, author=by, body=note, created_at=now)
        _tell_author(moved, REVIEWED, note=note)
    return moved


def report_return(*, report: Report, by, note: str, now: datetime.datetime | None = None) -> Report:
    """Sent back to its author by a supervisor of the site, saying what more is wanted."""
    _may_decide(report, by)
    note = (note or "").strip()
    if not note:
        raise Refused(_("Say what more the report needs before it is returned."))
    note = _comment_body(note)
    now = now or timezone.now()
    with transaction.atomic():
        moved = _move(
            report,
            to=R.RETURNED,
            by=by,
            reason=_("Returned by %(name)s") % {"name": person_name(by)},
        )
        _read_by(moved, by, now)
        ReportComment.objects.create(
            report=moved, author=by, body=note, returned=True, created_at=now
        )
        _tell_author(moved, RETURNED, note=note)
    return moved


def _read_by(report: Report, by, now) -> None:
    """Deciding on a report reads it, if no one had opened it yet."""
    if Report.objects.filter(pk=report.pk, read_at__isnull=True).update(read_at=now, read_by=by):
        report.read_at, report.read_by = now, by


def _tell_author(report: Report, kind: str, *, note: str) -> None:
    staff = Staff.objects.select_related("user").get(pk=report.staff_id)
    site = report.site
    if staff.user_id:
        notification_create(
            recipients=[staff.user],
            kind=kind,
            params={**params_of(report, note=note), "site": site.name},
        )

"""The workflows of staffing (onsite.workflows) and their kinds in the core approvals inbox:
resignations, decided by HR of the company or a supervisor of the site the person leaves, and
change notices, confirmed (or returned) by a supervisor of the site. Registered from
StaffingConfig.ready()."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from onsite.inbox import InboxKind
from onsite.money import cny
from onsite.workflows import Action, Workflow
from staffing import permissions as rules
from staffing.models import (
    ChangeNotice,
    ChangeNoticeStatus,
    Claim,
    ClaimStatus,
    Resignation,
    ResignationStatus,
    Trip,
    TripStatus,
)
from staffing.services import claims, notices, trips
from staffing.services import movement as services

R = ResignationStatus
N = ChangeNoticeStatus


def _approved(count: int) -> str:
    return ngettext(
        "%(count)d resignation approved.", "%(count)d resignations approved.", count
    ) % {"count": count}


RESIGNATION = Workflow(
    key="resignation",
    model=Resignation,
    transitions=services.RESIGNATION_TRANSITIONS,
    waiting=(R.PENDING,),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({R.PENDING}),
            rules.may_decide_resignation,
            lambda *, record, by, note="": services.resignation_approve(
                resignation=record, by=by, note=note
            ),
            done=_approved,
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({R.PENDING}),
            rules.may_decide_resignation,
            lambda *, record, by, note="": services.resignation_reject(
                resignation=record, by=by, reason=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_resignation_q,
    meanwhile=services.RESIGNATION_MEANWHILE,
)


def _confirmed(count: int) -> str:
    return ngettext(
        "%(count)d change notice confirmed.", "%(count)d change notices confirmed.", count
    ) % {"count": count}


CHANGE_NOTICE = Workflow(
    key="change_notice",
    model=ChangeNotice,
    transitions=notices.CHANGE_NOTICE_TRANSITIONS,
    waiting=(N.FILED,),
    actions=(
        Action(
            "confirm",
            _("Confirm"),
            frozenset({N.FILED}),
            rules.may_confirm_notice,
            lambda *, record, by, note="": notices.change_notice_confirm(
                notice=record, by=by, note=note
            ),
            done=_confirmed,
        ),
        Action(
            "return",
            _("Return"),
            frozenset({N.FILED}),
            rules.may_confirm_notice,
            lambda *, record, by, note="": notices.change_notice_return(
                notice=record, by=by, note=note
            ),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_confirm_notice_q,
    meanwhile=notices.CHANGE_NOTICE_MEANWHILE,
)


TRIP = Workflow(
    key="trip",
    model=Trip,
    transitions=trips.TRIP_TRANSITIONS,
    waiting=(TripStatus.PENDING,),
    actions=(
        Action(
            "approve",
            _("Approve"),
            frozenset({TripStatus.PENDING}),
            rules.may_decide_trip,
            lambda *, record, by, note="": trips.trip_approve(trip=record, by=by, note=note),
        ),
        Action(
            "reject",
            _("Reject"),
            frozenset({TripStatus.PENDING}),
            rules.may_decide_trip,
            lambda *, record, by, note="": trips.trip_reject(trip=record, by=by, reason=note),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_decide_trip_q,
    meanwhile=trips.TRIP_MEANWHILE,
)

C = ClaimStatus
REVIEWED = frozenset({C.SUBMITTED, C.SIGNED, C.LATE_APPROVED})


def _claim_path(claim: Claim) -> tuple[str, ...]:
    if claim.late:
        return (C.SUBMITTED, C.SIGNED, C.LATE_APPROVED)
    return (C.SUBMITTED, C.SIGNED)


CLAIM = Workflow(
    key="claim",
    model=Claim,
    transitions=claims.CLAIM_TRANSITIONS,
    waiting=(C.SUBMITTED, C.SIGNED, C.LATE_APPROVED),
    actions=(
        Action(
            "sign",
            _("Sign"),
            frozenset({C.SUBMITTED}),
            rules.may_sign_claim,
            lambda *, record, by, note="": claims.claim_sign(claim=record, by=by, note=note),
        ),
        Action(
            "approve_late",
            _("Approve the late claim"),
            frozenset({C.SIGNED}),
            rules.may_approve_late,
            lambda *, record, by, note="": claims.claim_approve_late(
                claim=record, by=by, note=note
            ),
        ),
        Action(
            "approve",
            _("Approve"),
            frozenset({C.SIGNED, C.LATE_APPROVED}),
            rules.may_approve_claim,
            lambda *, record, by, note="": claims.claim_approve(claim=record, by=by, note=note),
        ),
        Action(
            "return",
            _("Return"),
            REVIEWED,
            rules.may_return_claim,
            lambda *, record, by, note="": claims.claim_return(claim=record, by=by, reason=note),
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_return_claim_q,
    meanwhile=claims.CLAIM_MEANWHILE,
    path=_claim_path,
)


def _trip_describe(trip: Trip) -> str:
    return f"{trip.destination} · {trip.start:%Y-%m-%d}—{trip.end:%Y-%m-%d}"


def _claim_flags(claim: Claim) -> list[str]:
    flags = []
    if claim.late:
        flags.append(str(_("Late claim")))
    if claim.over_cap:
        flags.append(str(_("Over a cap")))
    return flags


def _moves(notice: ChangeNotice) -> list[str]:
    # The row is named after who leaves (or comes); a replacement also says who takes over.
    if notice.leaving is None or notice.incoming is None:
        return []
    return [f"{notice.leaving.name} → {notice.incoming.name}"]


def _override(notice: ChangeNotice) -> list[str]:
    return [str(_("Filed with a manager's override"))] if notice.overridden else []


KINDS = (
    InboxKind(
        workflow=RESIGNATION,
        label=_("Resignation"),
        what=_("resignation"),
        url=lambda r: reverse("staffing:resignation_detail", args=[r.pk]),
        describe=lambda r: _("last working day %(date)s") % {"date": f"{r.leaving_on:%Y-%m-%d}"},
        site=lambda r: r.assignment.site,
        related=("staff", "assignment__site"),
        since=F("applied_at"),
    ),
    InboxKind(
        workflow=CHANGE_NOTICE,
        label=_("Change notice"),
        what=_("change notice"),
        url=lambda n: reverse("staffing:change_notice_detail", args=[n.pk]),
        describe=lambda n: _("planned for %(date)s") % {"date": f"{n.planned_on:%Y-%m-%d}"},
        person=lambda n: n.leaving or n.incoming,
        related=("site", "leaving", "incoming"),
        since=F("filed_at"),
        detail=lambda n: n.get_kind_display(),
        lines=_moves,
        flags=_override,
    ),
    InboxKind(
        workflow=TRIP,
        label=_("Business trip"),
        what=_("business trip"),
        url=lambda t: reverse("staffing:trip_detail", args=[t.pk]),
        describe=_trip_describe,
        text=lambda t: t.purpose,
        amount=lambda t: cny(t.estimated_cost),
    ),
    InboxKind(
        workflow=CLAIM,
        label=_("Expense claim"),
        what=_("expense claim"),
        url=lambda c: reverse("staffing:claim_detail", args=[c.pk]),
        describe=lambda c: c.number,
        since=F("submitted_at"),
        amount=lambda c: cny(c.total),
        text=lambda c: "",
        flags=_claim_flags,
        # Signing and approving are done on the claim's page, with its lines and invoices.
        bulk=lambda c: False,
    ),
)

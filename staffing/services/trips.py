"""Business trips (出差申请, SPEC §10): asked ahead by the traveller on a phone; a manager of their
company approves or rejects with a reason. An approved trip is what lets transport and lodging
away from the site be claimed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.access import access_for
from onsite.org.models import Staff
from onsite.recipients import managers
from onsite.services import notification_create
from onsite.transitions import Refused, transition
from staffing import permissions as rules
from staffing.models import AMOUNT_MAX, Trip, TripStatus
from staffing.selectors.expenses import current_site

T = TripStatus
TRIP_REQUESTED = "expenses.trip_requested"
TRIP_DECIDED = "expenses.trip_decided"
DESTINATION_LENGTH = Trip._meta.get_field("destination").max_length
PURPOSE_LENGTH = Trip._meta.get_field("purpose").max_length
REASON_LENGTH = Trip._meta.get_field("reason").max_length
# A trip is asked for at most this long (a posting elsewhere is a placement, not a trip).
LONGEST_DAYS = 366

TRIP_TRANSITIONS: dict[str, frozenset[str]] = {
    T.PENDING: frozenset({T.APPROVED, T.REJECTED}),
    T.APPROVED: frozenset(),
    T.REJECTED: frozenset(),
}
TRIP_MEANWHILE = gettext_lazy("This trip was decided meanwhile: it is now “%(status)s”.")


def _params(trip: Trip) -> dict:
    return {
        "trip": trip.pk,
        "name": trip.staff.name,
        "destination": trip.destination,
        "start": trip.start.isoformat(),
        "end": trip.end.isoformat(),
    }


def trip_request(
    *,
    staff: Staff,
    by,
    destination: str,
    start: datetime.date,
    end: datetime.date,
    purpose: str,
    estimated_cost: Decimal,
) -> Trip:
    if access_for(by).staff_id != staff.pk:
        raise Refused(_("Only the traveller asks for their trip."))
    destination, purpose = (destination or "").strip(), (purpose or "").strip()
    problems = []
    if not destination or not purpose:
        problems.append(_("Give the destination and the purpose."))
    if len(destination) > DESTINATION_LENGTH or len(purpose) > PURPOSE_LENGTH:
        problems.append(
            _(
                "Keep the destination within %(destination)s characters and the purpose within "
                "%(purpose)s."
            )
            % {"destination": DESTINATION_LENGTH, "purpose": PURPOSE_LENGTH}
        )
    if end < start:
        problems.append(_("The trip ends before it starts."))
    elif (end - start).days >= LONGEST_DAYS:
        problems.append(_("A trip lasts at most a year."))
    if estimated_cost is None or estimated_cost < 0 or estimated_cost > AMOUNT_MAX:
        problems.append(_("Enter an estimated cost from ¥0.00 to ¥1,000,000.00."))
    if problems:
        raise Refused(*problems)
    trip = Trip(
        staff=staff,
        site=current_site(staff),
        destination=destination,
        start=start,
        end=end,
        purpose=purpose,
        estimated_cost=estimated_cost,
    )
    trip._history_user = by
    trip.save()
    recipients = [
        u for u in managers(staff.company_id, staff.department_id) if rules.may_decide_trip(u, trip)
    ]
    notification_create(recipients=recipients, kind=TRIP_REQUESTED, params=_params(trip))
    return trip


def _decide(trip: Trip, *, by, to: str, reason: str) -> Trip:
    if not rules.may_decide_trip(by, trip):
        raise Refused(_("Only a manager of the company decides this trip."))
    trip = transition(
        trip,
        to=to,
        allowed=TRIP_TRANSITIONS,
        by=by,
        reason=reason,
        also={"decided_at": timezone.now(), "decided_by": by, "reason": reason},
        meanwhile=str(TRIP_MEANWHILE),
    )
    notification_create(
        recipients=[trip.staff.user] if trip.staff.user_id else [],
        kind=TRIP_DECIDED,
        # To the traveller: their own name goes without saying.
        params={
            "trip": trip.pk,
            "destination": trip.destination,
            "approved": to == T.APPROVED,
            "reason": reason,
        },
    )
    return trip


def trip_approve(*, trip: Trip, by, note: str = "") -> Trip:
    return _decide(trip, by=by, to=T.APPROVED, reason=(note or "").strip()[:REASON_LENGTH])


def trip_reject(*, trip: Trip, by, reason: str) -> Trip:
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the trip is rejected."))
    if len(reason) > REASON_LENGTH:
        raise Refused(
            _("Keep the reason within %(length)s characters.") % {"length": REASON_LENGTH}
        )
    return _decide(trip, by=by, to=T.REJECTED, reason=reason)

from __future__ import annotations

from django.db import transaction

from onsite.transitions import transition
from staffing.models import Staff, StaffStatus

S = StaffStatus

# SPEC §2: candidate → qualified → on_site → leaving → left, plus suspended and banned.
STAFF_TRANSITIONS: dict[str, frozenset[str]] = {
    S.CANDIDATE: frozenset({S.QUALIFIED, S.LEFT, S.BANNED}),
    # Back to candidate when a check expires or fails before the person is placed.
    S.QUALIFIED: frozenset({S.ON_SITE, S.CANDIDATE, S.SUSPENDED, S.LEFT, S.BANNED}),
    S.ON_SITE: frozenset({S.LEAVING, S.SUSPENDED, S.QUALIFIED, S.BANNED}),
    # Back to qualified when a placement ends but the person stays employed (rotation, contract end).
    S.LEAVING: frozenset({S.LEFT, S.ON_SITE, S.QUALIFIED, S.BANNED}),
    S.SUSPENDED: frozenset({S.QUALIFIED, S.ON_SITE, S.LEAVING, S.LEFT, S.BANNED}),
    # A person who left may be hired again and must be checked again.
    S.LEFT: frozenset({S.CANDIDATE}),
    S.BANNED: frozenset(),
}


def staff_change_status(*, staff: Staff, to: str, by, reason: str = "") -> Staff:
    return transition(staff, to=to, allowed=STAFF_TRANSITIONS, by=by, reason=reason)


def staff_create(*, by, **fields) -> Staff:
    """A new person starts as a candidate with their six checks pending."""
    from staffing.services.qualification import checks_ensure

    with transaction.atomic():
        staff = Staff(**fields, status=StaffStatus.CANDIDATE)
        staff._history_user = by
        staff.save()
        checks_ensure(staff=staff)
    return staff


def staff_update(*, staff: Staff, by, **fields) -> Staff:
    """Edit the record's facts; the status changes only through staff_change_status."""
    fields.pop("status", None)
    for name, value in fields.items():
        setattr(staff, name, value)
    staff._history_user = by
    staff.save(update_fields=list(fields))
    return staff

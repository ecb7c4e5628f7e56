from __future__ import annotations

from django.db import transaction

from onsite.access import acts_on_self, refuse_own_record
from onsite.org.models import Staff, StaffStatus
from onsite.transitions import transition

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


# What someone else decides about a person: pay, and what sets pay, leave entitlement, the
# manager who decides their requests and their place in the company. An HR admin editing her
# own record keeps her hands off these; her contact details and papers she may correct.
DECIDED_BY_OTHERS = frozenset(
    {
        "company",
        "staff_no",
        "department",
        "position",
        "employment_start",
        "career_start",
        "monthly_salary",
    }
)


def staff_change_status(*, staff: Staff, to: str, by, reason: str = "") -> Staff:
    refuse_own_record(by=by, staff=staff)
    return transition(staff, to=to, allowed=STAFF_TRANSITIONS, by=by, reason=reason)


def _changes_any(staff: Staff, fields: dict, names: frozenset[str]) -> bool:
    """Whether `fields` change any of `names` from what is saved (a model form has already
    copied its values onto the instance, so the saved row is the one to compare with)."""
    names = names & fields.keys()
    if not names:
        return False
    attnames = {name: Staff._meta.get_field(name).attname for name in names}
    saved = Staff.objects.filter(pk=staff.pk).values(*attnames.values()).get()
    return any(saved[attnames[name]] != getattr(fields[name], "pk", fields[name]) for name in names)


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
    """Edit the record's facts; the status changes only through staff_change_status. On one's
    own record, what others decide (DECIDED_BY_OTHERS) stays as it is."""
    fields.pop("status", None)
    if acts_on_self(by, staff) and _changes_any(staff, fields, DECIDED_BY_OTHERS):
        refuse_own_record(by=by, staff=staff)
    for name, value in fields.items():
        setattr(staff, name, value)
    staff._history_user = by
    staff.save(update_fields=list(fields))
    return staff

"""A person's expense lines and their claim (SPEC §10): lines are added to the person's one open
draft as expenses happen, each checked against the caps, the duplicate-invoice rule and, away from
the site, an approved trip; then the claim is submitted, late when past the deadline of its
earliest month.

Decisions (not in the SPEC's words, chosen here):
- a cap counts the person's lines of the category on the same day (per night for lodging), or
  in the same calendar month for communication, whatever claim holds them;
- lodging is always away from the site; transport is when the person says so;
- a returned claim is edited in place and submitted again (it keeps its number and history);
- invoice numbers are compared after NFKC (full-width digits typed on a phone are the same
  number) and upper-casing, with spaces and dashes dropped."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import access_for
from onsite.money import cny
from onsite.org.models import Staff
from onsite.transitions import Refused
from staffing.models import (
    AMOUNT_MAX,
    Claim,
    ClaimStatus,
    ExpenseCategory,
    ExpenseLine,
    Trip,
    TripStatus,
)
from staffing.selectors import expenses as read

C = ExpenseCategory
INVOICE_LENGTH = ExpenseLine._meta.get_field("invoice_no").max_length
JUSTIFICATION_LENGTH = ExpenseLine._meta.get_field("justification").max_length
# Transport and lodging away from the site need an approved trip (SPEC §10).
TRIP_CATEGORIES = frozenset({C.TRANSPORT, C.LODGING})
INVOICE_PATTERN = re.compile(r"^[A-Z0-9]+$")
# How far back a line may be dated: expenses older than a year are not claimed in Onsite.
OLDEST_DAYS = 366


def invoice_number(raw: str) -> str:
    """The number as compared and stored: NFKC, upper case, without spaces or dashes; refused
    unless letters and digits."""
    number = unicodedata.normalize("NFKC", raw or "").upper()
    number = re.sub(r"[\s\-]", "", number)
    if number and (
        not number.isascii() or not INVOICE_PATTERN.match(number) or len(number) > INVOICE_LENGTH
    ):
        raise Refused(
            _("An invoice number is made of letters and digits, at most %(length)s.")
            % {"length": INVOICE_LENGTH}
        )
    return number


def invoice_refusal(*, company_id: int, number: str, reader, exclude_line: int | None = None):
    """The refusal for an invoice number already used in the company: with the claim and the
    person when the reader may see that claim, else without names."""
    used = read.invoice_used(company_id=company_id, number=number, exclude_line=exclude_line)
    if used is None:
        return None
    if Claim.objects.visible_to(reader).filter(pk=used.claim_id).exists():
        return _(
            "Invoice %(number)s is already claimed in claim %(claim)s of %(name)s (%(date)s)."
        ) % {
            "number": number,
            "claim": used.claim.number,
            "name": used.claim.staff.name,
            "date": used.date.isoformat(),
        }
    return _("Invoice %(number)s is already claimed in another claim of the company.") % {
        "number": number
    }


def draft_for(*, staff: Staff) -> Claim:
    """The person's open draft, made when they add their first line."""
    claim = Claim.objects.filter(staff=staff, status=ClaimStatus.DRAFT).first()
    if claim is not None:
        return claim
    try:
        with transaction.atomic():
            return Claim.objects.create(staff=staff, site=read.current_site(staff))
    except IntegrityError:
        # Two lines sent at once: the other request made the draft.
        return Claim.objects.get(staff=staff, status=ClaimStatus.DRAFT)


def _owner(claim: Claim, by) -> None:
    if access_for(by).staff_id != claim.staff_id:
        raise Refused(_("Only the claimant changes a claim."))
    if not claim.is_editable:
        raise Refused(
            _("This claim is “%(status)s”: its lines are not changed any more.")
            % {"status": claim.get_status_display()}
        )


def _check(
    *,
    staff: Staff,
    day: datetime.date,
    category: str,
    amount: Decimal,
    invoice_no: str,
    justification: str,
    away: bool,
    trip: Trip | None,
    by,
    line: ExpenseLine | None = None,
) -> dict:
    """Every rule of a line; all that fail are refused together. Returns the fields to save."""
    problems = []
    today = timezone.localdate()
    if category not in C.values:
        raise Refused(_("Choose a category."))
    if day > today:
        problems.append(_("An expense is recorded once it has happened, not ahead."))
    elif (today - day).days > OLDEST_DAYS:
        problems.append(_("Expenses older than a year are not claimed here."))
    if amount is None or amount <= 0 or amount > AMOUNT_MAX:
        problems.append(_("Enter an amount above ¥0.00 and at most ¥1,000,000.00."))
    elif amount != amount.quantize(Decimal("0.01")):
        problems.append(_("Amounts are in yuan with at most two decimals."))
    try:
        number = invoice_number(invoice_no)
    except Refused as refused:
        problems.extend(refused.messages)
        number = ""
    if number:
        refusal = invoice_refusal(
            company_id=staff.company_id,
            number=number,
            reader=by,
            exclude_line=line.pk if line else None,
        )
        if refusal:
            problems.append(refusal)
    away = away or category == C.LODGING
    if trip is not None and (trip.staff_id != staff.pk or trip.status != TripStatus.APPROVED):
        problems.append(_("Choose one of your approved business trips."))
    elif trip is not None and not trip.covers(day):
        problems.append(
            _(
                "The trip to %(destination)s runs from %(start)s to %(end)s; the expense is on %(date)s."
            )
            % {
                "destination": trip.destination,
                "start": trip.start.isoformat(),
                "end": trip.end.isoformat(),
                "date": day.isoformat(),
            }
        )
    elif trip is None and away and category in TRIP_CATEGORIES:
        problems.append(
            _(
                "Transport and lodging away from your site need an approved business trip "
                "covering %(date)s."
            )
            % {"date": day.isoformat()}
        )
    site = read.placement_site(staff, day)
    justification = (justification or "").strip()
    cap = None
    if amount is not None and amount > 0:
        checked = read.cap_check(
            staff=staff,
            category=category,
            day=day,
            amount=amount,
            site=site,
            exclude_line=line.pk if line else None,
        )
        if checked.over:
            cap = checked.cap
            if not justification:
                problems.append(
                    _(
                        "%(category)s is over its cap of %(cap)s (%(total)s with your other "
                        "lines): give a justification."
                    )
                    % {
                        "category": C(category).label,
                        "cap": cny(checked.cap),
                        "total": cny(checked.total),
                    }
                )
    if len(justification) > JUSTIFICATION_LENGTH:
        problems.append(
            _("Keep the justification within %(length)s characters.")
            % {"length": JUSTIFICATION_LENGTH}
        )
    if problems:
        raise Refused(*problems)
    return {
        "date": day,
        "category": category,
        "amount": amount,
        "invoice_no": number,
        "justification": justification,
        "away": away,
        "trip": trip,
        "site": site,
        "cap": cap,
    }


def _save_line(line: ExpenseLine, fields: dict, number: str, by) -> ExpenseLine:
    for name, value in fields.items():
        setattr(line, name, value)
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        # Another line took the number between the check and the save.
        raise Refused(
            invoice_refusal(company_id=line.company_id, number=number, reader=by)
            or _("Invoice %(number)s is already claimed.") % {"number": number}
        ) from None
    return line


def claim_totals_update(*, claim: Claim) -> Claim:
    """The claim's total, first month and over-cap flag, from its lines."""
    found = claim.lines.aggregate(total=Sum("amount"), first=Min("date"))
    claim.total = found["total"] or Decimal("0")
    claim.month = found["first"].replace(day=1) if found["first"] else None
    claim.over_cap = claim.lines.filter(cap__isnull=False).exists()
    # Sums kept for the lists, not decisions: the lines' own rows are the record, so no history.
    Claim.objects.filter(pk=claim.pk).update(
        total=claim.total, month=claim.month, over_cap=claim.over_cap
    )
    return claim


def line_add(
    *,
    staff: Staff,
    by,
    date: datetime.date,
    category: str,
    amount: Decimal,
    invoice_no: str = "",
    invoice_file=None,
    justification: str = "",
    away: bool = False,
    trip: Trip | None = None,
    claim: Claim | None = None,
) -> ExpenseLine:
    """A line in the person's draft (or in their returned `claim`), checked against every rule."""
    if access_for(by).staff_id != staff.pk:
        raise Refused(_("Only the claimant records their expenses."))
    with transaction.atomic():
        claim = claim or draft_for(staff=staff)
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        _owner(claim, by)
        fields = _check(
            staff=staff,
            day=date,
            category=category,
            amount=amount,
            invoice_no=invoice_no,
            justification=justification,
            away=away,
            trip=trip,
            by=by,
        )
        line = ExpenseLine(claim=claim, company_id=staff.company_id)
        if invoice_file:
            line.invoice_file = invoice_file
        _save_line(line, fields, fields["invoice_no"], by)
        claim_totals_update(claim=claim)
    return line


def line_update(
    *,
    line: ExpenseLine,
    by,
    date: datetime.date,
    category: str,
    amount: Decimal,
    invoice_no: str = "",
    invoice_file=None,
    justification: str = "",
    away: bool = False,
    trip: Trip | None = None,
) -> ExpenseLine:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=line.claim_id)
        _owner(claim, by)
        fields = _check(
            staff=claim.staff,
            day=date,
            category=category,
            amount=amount,
            invoice_no=invoice_no,
            justification=justification,
            away=away,
            trip=trip,
            by=by,
            line=line,
        )
        if invoice_file:
            line.invoice_file = invoice_file
        _save_line(line, fields, fields["invoice_no"], by)
        claim_totals_update(claim=claim)
    return line


def line_remove(*, line: ExpenseLine, by) -> None:
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=line.claim_id)
        _owner(claim, by)
        line.delete()
        claim_totals_update(claim=claim)


def claim_submit(*, claim: Claim, by, now: datetime.datetime | None = None) -> Claim:
    """The draft (or returned claim) to its supervisor: late when first submitted after the
    deadline of its earliest month (or sent again with lines of a closed month added since),
    which then needs a manager's approval before finance sees it. The return reason stays in the
    history and on the claim until the next return."""
    from staffing.services.claims import claim_move, submitted_tell

    now = now or timezone.now()
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        _owner(locked, by)
        if not locked.lines.exists():
            raise Refused(_("Add at least one expense before submitting."))
        site = read.current_site(locked.staff)
        if site is None:
            raise Refused(_("You are not placed at a site, so nobody can sign your claim."))
        lines = locked.lines.all()
        if locked.first_submitted_at is not None:
            # Sent again after a return: only lines added since can make it late.
            lines = lines.filter(created_at__gt=locked.first_submitted_at)
        first = lines.aggregate(first=Min("date"))["first"]
        late = locked.late or read.is_late(
            first_date=first, company_id=locked.staff.company_id, site=site, at=now
        )
        claim = claim_move(
            locked,
            to=ClaimStatus.SUBMITTED,
            by=by,
            also={
                "submitted_at": now,
                "first_submitted_at": locked.first_submitted_at or now,
                "late": late,
                "site": site,
            },
        )
        submitted_tell(claim=claim)
    return claim

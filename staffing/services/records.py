"""The register of rewards and penalties (SPEC §5) and what a site ban does."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onsite.access import refuse_own_record
from onsite.org.models import Assignment, Site, Staff
from onsite.recipients import hr_admins, supervisors
from onsite.services import notification_create
from onsite.signals import placements_changed_send
from onsite.transitions import Refused
from staffing.models import MONEY_KINDS, RecordKind, RewardPenalty


def record_add(
    *,
    staff: Staff,
    kind: str,
    date: datetime.date,
    reason: str,
    decided_by: str,
    by,
    amount: Decimal | None = None,
    site: Site | None = None,
) -> RewardPenalty:
    refuse_own_record(by=by, staff=staff)
    if kind in MONEY_KINDS and not amount:
        raise Refused(_("A bonus or a fine needs its amount."))
    if kind == RecordKind.SITE_BAN and site is None:
        raise Refused(_("A site ban names the site."))
    with transaction.atomic():
        record = RewardPenalty(
            staff=staff,
            kind=kind,
            date=date,
            reason=reason,
            decided_by=decided_by,
            amount=amount if kind in MONEY_KINDS else None,
            site=site if kind == RecordKind.SITE_BAN else None,
            recorded_by=by,
        )
        record._history_user = by
        record.save()
        if kind == RecordKind.SITE_BAN:
            _end_assignments_at(staff=staff, site=site, on=date, by=by)
    return record


def _end_assignments_at(*, staff: Staff, site: Site, on: datetime.date, by) -> None:
    """A site ban ends the person's placement there on the day of the ban."""
    running = Assignment.objects.select_for_update().filter(
        Q(end__isnull=True) | Q(end__gt=on), staff=staff, site=site
    )
    for assignment in running:
        assignment.end = max(on, assignment.start)
        assignment._history_user = by
        assignment._change_reason = _("Site ban")
        assignment.save(update_fields=["end"])
        # Days after the placement ended are no longer judged there.
        placements_changed_send(
            sender=Assignment,
            staff_ids=[staff.pk],
            start=assignment.end,
            end=timezone.localdate(),
        )
    notification_create(
        recipients=[*hr_admins(staff.company_id), *supervisors([site.pk])],
        kind="staffing.site_ban",
        params={"name": staff.name, "site": site.name, "date": on, "staff": staff.pk},
    )

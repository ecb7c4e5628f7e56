"""The cover person of a request (替岗人, SPEC §7): whether a colleague is free to carry someone's
work on some days. Someone away themselves then (leave waiting for a decision or approved) cannot
cover and is refused; someone already covering another person then may, but the requester and
the approver are warned."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from attendance.models import Leave, LeaveStatus

# Leave that holds its days: waiting for a decision or approved.
HOLDING = (LeaveStatus.PENDING, LeaveStatus.PENDING_MANAGER, LeaveStatus.APPROVED)


@dataclass
class CoverCheck:
    """What one colleague does on the days asked for."""

    name: str
    away: list[Leave] = field(default_factory=list)  # their own leave
    covering: list[Leave] = field(default_factory=list)  # others' leave they cover

    def refusals(self) -> list[str]:
        return [
            _(
                "%(name)s is on leave from %(start)s to %(end)s and cannot cover for you; "
                "choose another colleague."
            )
            % {"name": self.name, "start": leave.start, "end": leave.end}
            for leave in self.away
        ]

    def away_notes(self) -> list[str]:
        """The same facts for the approver, who is not the requester."""
        return [
            _("%(name)s is on leave from %(start)s to %(end)s.")
            % {"name": self.name, "start": leave.start, "end": leave.end}
            for leave in self.away
        ]

    def warnings(self) -> list[str]:
        return [
            _("%(name)s already covers %(other)s from %(start)s to %(end)s.")
            % {"name": self.name, "other": leave.staff.name, "start": leave.start, "end": leave.end}
            for leave in self.covering
        ]


def cover_checks(
    *,
    spans: Iterable[tuple[int, int, datetime.date, datetime.date, int | None]],
) -> dict[int | None, CoverCheck]:
    """For each (key, cover id, start, end, requester id): the cover's own leave and the leave of
    others (the requester aside) they cover, overlapping start–end. `key` names the request (its
    id, or None for one not filed yet); leave that is the request itself is left out. One query
    whatever the number of spans; a key whose cover is free is absent."""
    spans = [span for span in spans if span[1] is not None]
    if not spans:
        return {}
    covers = {cover for _key, cover, _start, _end, _requester in spans}
    first = min(start for _key, _cover, start, _end, _requester in spans)
    last = max(end for _key, _cover, _start, end, _requester in spans)
    found = list(
        Leave.objects.filter(
            Q(staff_id__in=covers) | Q(cover_id__in=covers),
            status__in=HOLDING,
            start__lte=last,
            end__gte=first,
        )
        .select_related("staff", "cover")
        .order_by("start", "pk")
    )
    checks: dict[int | None, CoverCheck] = {}
    for key, cover, start, end, requester in spans:
        check = CoverCheck(name="")
        for leave in found:
            if leave.pk == key or leave.start > end or leave.end < start:
                continue
            if leave.staff_id == cover:
                check.name = leave.staff.name
                check.away.append(leave)
            elif leave.cover_id == cover and leave.staff_id != requester:
                check.name = leave.cover.name
                check.covering.append(leave)
        if check.away or check.covering:
            checks[key] = check
    return checks


def cover_check(
    *, cover_id: int, requester_id: int, start: datetime.date, end: datetime.date
) -> CoverCheck | None:
    """The check of one cover for a request not filed yet."""
    return cover_checks(spans=[(None, cover_id, start, end, requester_id)]).get(None)

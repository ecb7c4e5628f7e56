"""The notice shown on attendance pages whose dates fall on a calendar HR has not confirmed yet
(SPEC §6: such days fall back to Monday to Friday plus the provisional statutory holidays, and
closing the month or finalising overtime pay over them is refused)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from attendance.selectors.calendar import WorkCalendar


def unconfirmed_notice(
    *, start: datetime.date, end: datetime.date, site_ids: Iterable[int] = ()
) -> dict | None:
    """None when every day from `start` to `end` is confirmed (nationally, or at each of
    `site_ids` when given); else the years, the count and the first and last such day."""
    site_ids = list(site_ids)
    calendar = WorkCalendar(start=start, end=end, site_ids=site_ids)
    dates: set[datetime.date] = set()
    for site_id in site_ids or [None]:
        dates.update(calendar.unconfirmed(site_id))
    if not dates:
        return None
    years = sorted({date.year for date in dates})
    return {
        "years": years,
        "years_text": ", ".join(str(year) for year in years),
        "count": len(dates),
        "first": min(dates),
        "last": max(dates),
    }

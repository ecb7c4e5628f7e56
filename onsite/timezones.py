"""Time zones as people name them: 北京时间（UTC+8）, not the database's Asia/Shanghai."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The zones a site in China (and its neighbours served from China) is in, by their usual names.
NAMED_ZONES = {
    "Asia/Shanghai": gettext_lazy("Beijing time"),
    "Asia/Urumqi": gettext_lazy("Xinjiang time"),
    "Asia/Hong_Kong": gettext_lazy("Hong Kong time"),
    "Asia/Macau": gettext_lazy("Macau time"),
    "Asia/Taipei": gettext_lazy("Taipei time"),
}


def time_zone_label(name: str) -> str:
    """`北京时间（UTC+8）`; a zone without a usual name keeps its code, with its offset now."""
    try:
        offset = datetime.datetime.now(zoneinfo.ZoneInfo(name)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")
    return _("%(zone)s (%(offset)s)") % {"zone": NAMED_ZONES.get(name, name), "offset": utc}


def time_zone_choices(current: str = "") -> list[tuple[str, str]]:
    """The named zones, and the current one when it is another (kept, not silently changed)."""
    names = list(NAMED_ZONES)
    if current and current not in NAMED_ZONES:
        names.append(current)
    return [(name, time_zone_label(name)) for name in names]

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from onsite.timezones import time_zone_label

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name as people write it: the name on their staff record when it was read with
    them (`select_related("…__staff_record")`, as histories do), else their full name, 周建国
    for a Chinese name and "Ann Lee" otherwise. The login name only for a login nobody named."""
    if user is None:
        return ""
    state = getattr(user, "_state", None)
    # Read only when already fetched: a query per name would cost a list one query per row.
    staff = state.fields_cache.get("staff_record") if state is not None else None
    if staff is not None and staff.name:
        return staff.name
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if not (first or last):
        return user.get_username()
    if any("\u4e00" <= char <= "\u9fff" for char in first + last):
        return last + first
    return f"{first} {last}".strip()


@register.filter
def label(text) -> str:
    """`Cover: ` in English, `替班人：` in Chinese: a label before its value, with the colon of
    the reader's language."""
    return _("%(field)s: ") % {"field": text}


@register.filter
def times_minutes(count, minutes) -> str:
    """`2 次 / 35 分钟`: how often someone was late (or left early), and for how long."""
    return _("%(count)s× / %(minutes)s min") % {"count": count, "minutes": minutes}


@register.filter
def time_zone(name: str) -> str:
    """`北京时间（UTC+8）` for Asia/Shanghai: a site's time zone as people name it."""
    return time_zone_label(name)


@register.filter
def days(value) -> str:
    """`18`, `2.5`: a number of days or hours as people write it. Much cheaper than floatformat,
    which matters on a sheet of 500 people."""
    if value is None or value == "":
        return ""
    return format(Decimal(value).normalize(), "f")


@register.filter
def cny(value) -> str:
    """¥1,234.50 (money is Decimal; the filter never rounds through a float)."""
    from onsite.money import cny as as_cny

    return as_cny(value)

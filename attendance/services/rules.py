"""The rules that produce a day's status and a month's outcomes (SPEC §6), as codes stored with
the result and sentences rendered in the reader's language. Every sentence names the policy
numbers it applied, so a person reading a fine or a flag can see why it is there."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DAY_RULES = {
    "on_time": _(
        "First punch %(first)s and last punch %(last)s are within %(grace)s minutes of "
        "%(start)s–%(end)s."
    ),
    "late": _(
        "First punch %(first)s is %(late)s minutes after %(start)s: more than %(grace)s minutes "
        "counts as late."
    ),
    "early": _(
        "Last punch %(last)s is %(early)s minutes before %(end)s: more than %(grace)s minutes "
        "counts as leaving early."
    ),
    "late_early": _(
        "First punch %(first)s is %(late)s minutes after %(start)s and last punch %(last)s is "
        "%(early)s minutes before %(end)s: more than %(grace)s minutes counts."
    ),
    "late_absent": _(
        "First punch %(first)s is %(late)s minutes after %(start)s: more than %(threshold)s "
        "minutes counts as absent for the day."
    ),
    "early_absent": _(
        "Last punch %(last)s is %(early)s minutes before %(end)s: more than %(threshold)s "
        "minutes counts as absent for the day."
    ),
    "no_punch": _("No punch and no approved leave: absent."),
    "single_punch": _(
        "Only one punch (%(first)s) and no approved correction: a missing punch counts as absent."
    ),
    "leave": _("Approved leave for the whole day."),
    "marked_absent": _("Marked absent by hand: %(reason)s — %(note)s"),
    "off": _("Not a working day (%(kind)s); punches here are evidence for overtime."),
}

HALF_DAY_RULES = {
    "morning": _("Approved leave in the morning; the day is judged from %(start)s."),
    "afternoon": _("Approved leave in the afternoon; the day is judged until %(end)s."),
}

MONTH_RULES = {
    "explanation_absent": _(
        "Absent %(absent)s days, more than %(limit)s: an absence explanation is required."
    ),
    "explanation_late": _(
        "Late %(minutes)s minutes in the month, more than %(limit)s: an absence explanation is "
        "required."
    ),
    "fine": _(
        "%(count)s late or early occurrences, %(free)s without a fine: %(extra)s × %(each)s CNY."
    ),
    "deduction": _(
        "Absent %(absent)s days + personal leave %(personal)s days = %(days)s days; "
        "%(salary)s ÷ %(scheduled)s scheduled days × %(days)s."
    ),
    "deduction_provisional": _(
        "Absent %(absent)s days + personal leave %(personal)s days = %(days)s days; "
        "%(salary)s ÷ %(scheduled)s scheduled days of the month × %(days)s; provisional until "
        "the month is closed."
    ),
    "dismissal": _(
        "Absent %(absent)s days, %(limit)s or more: the month's wage is withheld and the person "
        "is flagged for a dismissal review (a decision for a person, not automatic)."
    ),
}


TIME_ARGS = ("start", "end", "first", "last")


def render(rules: dict, code: str, args: dict) -> str:
    """The sentence of `code` with its values, or "" for a day with no rule. Times of day are
    stored as minutes (510) and written as people read them (08:30)."""
    if not code:
        return ""
    args = {
        key: f"{value // 60:02d}:{value % 60:02d}"
        if key in TIME_ARGS and isinstance(value, int)
        else value
        for key, value in args.items()
    }
    if code == "marked_absent" and "reason" in args:
        from attendance.models import AbsenceReason

        reason = args["reason"]
        args["reason"] = AbsenceReason(reason).label if reason in AbsenceReason.values else reason
    try:
        return str(rules[code]) % args
    except (KeyError, TypeError, ValueError):
        # An old row whose values no longer fit its sentence still shows which rule applied.
        return code

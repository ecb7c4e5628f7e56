"""The notifications of service tickets and inspections (SPEC §11, §13), worded in the reader's
language when read or e-mailed. Parameters hold the ticket's reference and title, the site's
name, choice values (worded here from their labels) and the id of the page to open. Registered
from `TicketsConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onsite.notifications import NotificationKind, Params, notification_kind_register
from tickets.models import Priority, TicketStatus

EXAMPLE = {"ticket": 1, "reference": "A-0012", "title": "打印机无法打印", "site": "甲机房"}


def _ticket(params: Params) -> str:
    return reverse("tickets:detail", args=[params["ticket"]])


def _raised(params: Params) -> str:
    return gettext("New %(priority)s ticket %(reference)s at %(site)s: %(title)s") % {
        **params,
        "priority": Priority(params["priority"]).label,
    }


def _progress(params: Params) -> str:
    return gettext("Ticket %(reference)s at %(site)s is now “%(status)s”: %(title)s") % {
        **params,
        "status": TicketStatus(params["status"]).label,
    }


def _escalated(params: Params) -> str:
    if params.get("complaint"):
        return gettext("Complaint at %(site)s: ticket %(reference)s, %(title)s") % params
    return gettext("Urgent fault at %(site)s: ticket %(reference)s, %(title)s") % params


# Whole sentences per target, so that each translates as one.
WARNING_TITLES = {
    "response": _(
        "Ticket %(reference)s at %(site)s needs its first response by %(due)s: %(title)s"
    ),
    "resolution": _("Ticket %(reference)s at %(site)s is to be resolved by %(due)s: %(title)s"),
}
BREACHED_TITLES = {
    "response": _("Ticket %(reference)s at %(site)s got no response by %(due)s: %(title)s"),
    "resolution": _("Ticket %(reference)s at %(site)s was not resolved by %(due)s: %(title)s"),
}


def _warning(params: Params) -> str:
    return gettext(str(WARNING_TITLES[params["target"]])) % params


def _breached(params: Params) -> str:
    return gettext(str(BREACHED_TITLES[params["target"]])) % params


KINDS = [
    NotificationKind(
        key="tickets.raised",
        title=_raised,
        link=_ticket,
        example={**EXAMPLE, "priority": "high"},
    ),
    NotificationKind(
        key="tickets.assigned",
        title=_("Ticket %(reference)s at %(site)s is yours: %(title)s"),
        link=_ticket,
        example=EXAMPLE,
    ),
    NotificationKind(
        key="tickets.progress",
        title=_progress,
        link=_ticket,
        example={**EXAMPLE, "status": "resolved"},
    ),
    NotificationKind(
        key="tickets.reopened",
        title=_("Ticket %(reference)s at %(site)s is reopened: %(title)s"),
        body="%(note)s",
        link=_ticket,
        example={**EXAMPLE, "note": "仍然无法打印"},
    ),
    NotificationKind(
        key="tickets.escalated",
        title=_escalated,
        link=_ticket,
        example={**EXAMPLE, "complaint": True},
    ),
    # The SLA (tickets.services.reminders): the assignee before a breach, the supervisors and
    # managers after one. `due` is the due time in the site's time, as text.
    NotificationKind(
        key="tickets.warning",
        title=_warning,
        link=_ticket,
        example={**EXAMPLE, "target": "resolution", "due": "2026-10-15 09:00"},
    ),
    NotificationKind(
        key="tickets.breached",
        title=_breached,
        link=_ticket,
        example={**EXAMPLE, "target": "response", "due": "2026-10-13 09:00"},
    ),
]

# Inspections (tickets.services.inspections): a working day left without a record, told to the
# site's supervisors the next morning. `date` is the day, as text.
KINDS.append(
    NotificationKind(
        key="tickets.inspection_missing",
        title=_("No inspection was recorded at %(site)s on %(date)s"),
        link=lambda params: reverse("tickets:inspections"),
        example={"site": "甲机房", "site_id": 1, "date": "2026-10-12"},
    )
)
# The deep inspection report: submitted (to the site's supervisors), reviewed (to its author).
KINDS.append(
    NotificationKind(
        key="tickets.deep_submitted",
        title=_("The deep inspection report of %(site)s for %(half)s awaits your review"),
        link=lambda params: reverse("tickets:deep", args=[params["report"]]),
        example={"site": "甲机房", "half": "2026H2", "report": 1},
    )
)
KINDS.append(
    NotificationKind(
        key="tickets.deep_reviewed",
        title=lambda params: (
            (
                gettext("The deep inspection report of %(site)s for %(half)s is accepted")
                if params["accepted"]
                else gettext("The deep inspection report of %(site)s for %(half)s is returned")
            )
            % params
        ),
        body="%(note)s",
        link=lambda params: reverse("tickets:deep", args=[params["report"]]),
        example={
            "site": "甲机房",
            "half": "2026H2",
            "report": 1,
            "accepted": False,
            "note": "补充",
        },
    )
)
# Work plans (tickets.services.plans): submitted (to the site's supervisors), approved or returned
# (to its author, with the lead's comments).
PLAN_EXAMPLE = {"plan": 1, "title": "机房搬迁计划", "site": "甲机房", "author": "张三"}
KINDS.append(
    NotificationKind(
        key="tickets.plan_submitted",
        title=_("%(author)s's work plan “%(title)s” at %(site)s awaits your approval"),
        link=lambda params: reverse("tickets:plan", args=[params["plan"]]),
        example=PLAN_EXAMPLE,
    )
)
KINDS.append(
    NotificationKind(
        key="tickets.plan_decided",
        title=lambda params: (
            (
                gettext("Your work plan “%(title)s” at %(site)s is approved")
                if params["approved"]
                else gettext("Your work plan “%(title)s” at %(site)s is returned")
            )
            % params
        ),
        body="%(note)s",
        link=lambda params: reverse("tickets:plan", args=[params["plan"]]),
        example={**PLAN_EXAMPLE, "approved": False, "note": "请补充时间安排"},
    )
)


# Work reports (tickets.services.reports): submitted (to the site's supervisors), reviewed or
# returned (to the author), a comment (to the other side), and the reminder of one not yet
# submitted (tickets.services.report_reminders). `kind` is a ReportKind value, worded here.
REPORT_EXAMPLE = {
    "name": "张三",
    "kind": "weekly",
    "period": "2026-W42",
    "site": "甲机房",
    "site_id": 1,
    "report": 1,
}


# What the author is told carries no name: it is their own report.
AUTHOR_EXAMPLE = {k: v for k, v in REPORT_EXAMPLE.items() if k != "name"}


def _report(params: Params) -> str:
    return reverse("tickets:workreport", args=[params["report"]])


def _kind(params: Params) -> str:
    from tickets.models import ReportKind

    return str(ReportKind(params["kind"]).label)


def _submitted(params: Params) -> str:
    words = {**params, "kind": _kind(params)}
    if params.get("again"):
        return gettext("%(name)s submitted the %(kind)s %(period)s at %(site)s again") % words
    if params.get("late"):
        return gettext("%(name)s submitted the %(kind)s %(period)s at %(site)s, late") % words
    return gettext("%(name)s submitted the %(kind)s %(period)s at %(site)s") % words


KINDS += [
    NotificationKind(
        key="tickets.report_submitted",
        title=_submitted,
        link=_report,
        example={**REPORT_EXAMPLE, "late": True, "again": False},
    ),
    NotificationKind(
        key="tickets.report_reviewed",
        title=lambda params: (
            gettext("Your %(kind)s %(period)s at %(site)s is reviewed")
            % {**params, "kind": _kind(params)}
        ),
        body="%(note)s",
        link=_report,
        example={**AUTHOR_EXAMPLE, "note": "很好"},
    ),
    NotificationKind(
        key="tickets.report_returned",
        title=lambda params: (
            gettext("Your %(kind)s %(period)s at %(site)s is returned for more")
            % {**params, "kind": _kind(params)}
        ),
        body="%(note)s",
        link=_report,
        example={**AUTHOR_EXAMPLE, "note": "请补充工单处理情况"},
    ),
    NotificationKind(
        key="tickets.report_comment",
        title=lambda params: (
            gettext("%(by)s commented on the %(kind)s %(period)s of %(name)s at %(site)s")
            % {**params, "kind": _kind(params)}
        ),
        body="%(note)s",
        link=_report,
        example={**REPORT_EXAMPLE, "by": "周建国", "note": "收到"},
    ),
    NotificationKind(
        key="tickets.report_reminder",
        title=lambda params: (
            gettext("Your %(kind)s %(period)s at %(site)s is not submitted yet")
            % {**params, "kind": _kind(params)}
        ),
        link=lambda params: reverse(
            "tickets:workreport_write", args=[params["kind"], params["period"]]
        ),
        example={"kind": "weekly", "period": "2026-W42", "site": "甲机房", "site_id": 1},
    ),
]

# The supervisor's digest of a period (tickets.services.report_reminders): per site, the names
# of those missing and those late. `lists` holds {"site", "site_id", "missing", "late"} per site.
DIGEST_EXAMPLE = {
    "kind": "weekly",
    "period": "2026-W42",
    "lists": [
        {"site": "甲机房", "site_id": 1, "missing": ["张三", "王五"], "late": ["李四"]},
        {"site": "乙中心", "site_id": 2, "missing": [], "late": ["赵六"]},
    ],
}


def _digest_words(params: Params) -> dict:
    from tickets.models import ReportKind

    return {
        "kind": ReportKind(params["kind"]).label,
        "period": params["period"],
        "sites": gettext(", ").join(entry["site"] for entry in params["lists"]),
    }


def _digest_line(entry: Params) -> str:
    words = {
        "site": entry["site"],
        "missing": gettext(", ").join(entry["missing"]),
        "late": gettext(", ").join(entry["late"]),
    }
    if entry["missing"] and entry["late"]:
        return gettext("%(site)s: missing %(missing)s; late %(late)s") % words
    if entry["missing"]:
        return gettext("%(site)s: missing %(missing)s") % words
    return gettext("%(site)s: late %(late)s") % words


KINDS.append(
    NotificationKind(
        key="tickets.report_digest",
        title=lambda params: (
            gettext("%(kind)s %(period)s: missing and late at %(sites)s") % _digest_words(params)
        ),
        body=lambda params: "\n".join(_digest_line(entry) for entry in params["lists"]),
        link=lambda params: reverse("tickets:workreport_sites"),
        example=DIGEST_EXAMPLE,
    )
)

for kind in KINDS:
    notification_kind_register(kind)

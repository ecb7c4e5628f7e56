"""The notifications staffing sends (SPEC §3, §4, §13), worded in the reader's language when read
or e-mailed. Parameters hold people's names (never usernames), dates as ISO text, choice values
(worded here from their labels) and the ids of the pages to open. Registered from
`StaffingConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onsite.money import cny
from onsite.notifications import NotificationKind, Params, notification_kind_register
from staffing.models import CheckStatus, Condition, LeavingReason
from staffing.services import claims, expense_reminders, trips

CHANGE_NOTICE = "movement.change_notice"
CHANGE_NOTICE_ANSWERED = "movement.change_notice_answered"
RESIGNATION_APPLIED = "movement.resignation_applied"
RESIGNATION_DECIDED = "movement.resignation_decided"
OFFBOARDING_STARTED = "movement.offboarding_started"
OFFBOARDING_COMPLETED = "movement.offboarding_completed"
SITE_BAN = "staffing.site_ban"
REPLACEMENT_NEEDED = "qualification.replacement_needed"
QUALIFICATION_EXPIRING = "qualification.expiring"
ASSIGNED = "staffing.assigned"


def _staff(params: Params) -> str:
    return reverse("staffing:staff_detail", args=[params["staff"]])


def _page(name: str, key: str):
    return lambda params: reverse(f"staffing:{name}", args=[params[key]])


def _notice_answer_title(params: Params) -> str:
    if params["confirmed"]:
        return gettext("%(site)s confirms the change of personnel on %(date)s") % params
    return gettext("%(site)s returns the change notice for %(date)s") % params


def _resignation_title(params: Params) -> str:
    if params["approved"]:
        return gettext("Your resignation is approved; last working day %(date)s") % params
    return gettext("Your resignation is not approved")


def _offboarding_reason(params: Params) -> str:
    return str(LeavingReason(params["leaving_reason"]).label)


def _replacement_title(params: Params) -> str:
    return gettext("%(name)s needs replacing: %(condition)s") % {
        "name": params["name"],
        "condition": Condition(params["condition"]).label,
    }


def _replacement_body(params: Params) -> str:
    return gettext("The check is now “%(status)s”. Arrange a qualified replacement.") % {
        "status": CheckStatus(params["status"]).label
    }


def _expiring_title(params: Params) -> str:
    return gettext("%(name)s: %(condition)s expires on %(date)s") % {
        **params,
        "condition": Condition(params["condition"]).label,
    }


KINDS = [
    NotificationKind(
        key=CHANGE_NOTICE,
        title=_("Change of personnel at %(site)s on %(date)s: %(names)s"),
        body="%(reason)s",
        link=_page("change_notice_detail", "notice"),
        example={
            "site": "甲机房",
            "date": "2026-11-02",
            "names": "张三 → 李四",
            "reason": "项目轮岗",
            "notice": 1,
        },
    ),
    NotificationKind(
        key=CHANGE_NOTICE_ANSWERED,
        title=_notice_answer_title,
        body="%(note)s",
        link=_page("change_notice_detail", "notice"),
        example={
            "site": "甲机房",
            "date": "2026-11-02",
            "confirmed": False,
            "note": "请改到月底",
            "notice": 1,
        },
    ),
    NotificationKind(
        key=RESIGNATION_APPLIED,
        title=_("%(name)s applies to resign; last working day %(date)s"),
        body="%(reason)s",
        link=_page("resignation_detail", "resignation"),
        example={"name": "张三", "date": "2026-11-30", "reason": "回老家", "resignation": 1},
    ),
    NotificationKind(
        key=RESIGNATION_DECIDED,
        title=_resignation_title,
        body="%(note)s",
        link=_page("resignation_detail", "resignation"),
        example={"approved": True, "date": "2026-11-30", "note": "祝顺利", "resignation": 1},
    ),
    NotificationKind(
        key=OFFBOARDING_STARTED,
        title=_("%(name)s leaves %(site)s; last working day %(date)s"),
        body=_offboarding_reason,
        link=_page("offboarding_detail", "assignment"),
        example={
            "name": "张三",
            "site": "甲机房",
            "date": "2026-11-30",
            "leaving_reason": LeavingReason.RESIGNATION.value,
            "assignment": 1,
        },
    ),
    NotificationKind(
        key=OFFBOARDING_COMPLETED,
        title=_("%(name)s has left %(site)s"),
        link=_page("offboarding_detail", "assignment"),
        example={"name": "张三", "site": "甲机房", "assignment": 1},
    ),
    NotificationKind(
        key=SITE_BAN,
        title=_("%(name)s is banned from %(site)s"),
        body=_("The placement there ends on %(date)s."),
        link=_staff,
        example={"name": "张三", "site": "甲机房", "date": "2026-11-30", "staff": 1},
    ),
    NotificationKind(
        key=REPLACEMENT_NEEDED,
        title=_replacement_title,
        body=_replacement_body,
        link=_staff,
        example={
            "name": "张三",
            "condition": Condition.HEALTH.value,
            "status": CheckStatus.EXPIRED.value,
            "staff": 1,
        },
    ),
    NotificationKind(
        key=QUALIFICATION_EXPIRING,
        title=_expiring_title,
        link=_staff,
        example={
            "name": "张三",
            "condition": Condition.HEALTH.value,
            "date": "2026-12-31",
            "staff": 1,
        },
    ),
    NotificationKind(
        key=ASSIGNED,
        title=_("%(name)s is placed at %(site)s"),
        body=_("Onboarding is complete; please arrange the pre-job training."),
        link=_staff,
        example={"name": "张三", "site": "甲机房", "staff": 1},
    ),
]

for kind in KINDS:
    notification_kind_register(kind)


# Expenses (SPEC §10). Amounts are passed as decimal text and shown as ¥1,234.50.

CLAIM_OWN = {"claim": 1, "number": "BX000001", "total": "1234.50"}
CLAIM_EXAMPLE = {
    "claim": 1,
    "number": "BX000001",
    "name": "张三",
    "total": "1234.50",
    "site": "甲机房",
}


def _claim(params: Params) -> str:
    return reverse("staffing:claim_detail", args=[params["claim"]])


def _with_total(text):
    return lambda params: gettext(text) % {**params, "total": cny(params["total"])}


def _trip_title(params: Params) -> str:
    if params["approved"]:
        return gettext("Your business trip to %(destination)s is approved") % params
    return gettext("Your business trip to %(destination)s is rejected") % params


for kind in (
    NotificationKind(
        key=claims.CLAIM_SUBMITTED,
        body=_("Site: %(site)s"),
        title=_with_total("%(name)s submits expense claim %(number)s (%(total)s) to sign"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_LATE,
        body=_("Site: %(site)s"),
        title=_with_total("Late expense claim %(number)s of %(name)s (%(total)s) waits for you"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_TO_FINANCE,
        body=_("Site: %(site)s"),
        title=_with_total("Expense claim %(number)s of %(name)s (%(total)s) waits for finance"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_RETURNED,
        title=_("Your expense claim %(number)s is returned"),
        body="%(reason)s",
        link=_claim,
        example={**CLAIM_OWN, "reason": "发票抬头有误"},
    ),
    NotificationKind(
        key=claims.CLAIM_PAID,
        title=_with_total("Your expense claim %(number)s is paid: %(total)s on %(date)s"),
        link=_claim,
        example={**CLAIM_OWN, "date": "2026-12-15"},
    ),
    NotificationKind(
        key=trips.TRIP_REQUESTED,
        title=_("%(name)s asks for a business trip to %(destination)s, %(start)s to %(end)s"),
        link=lambda params: reverse("staffing:trip_detail", args=[params["trip"]]),
        example={
            "trip": 1,
            "name": "张三",
            "destination": "上海",
            "start": "2026-12-07",
            "end": "2026-12-09",
        },
    ),
    NotificationKind(
        key=trips.TRIP_DECIDED,
        title=_trip_title,
        body="%(reason)s",
        link=lambda params: reverse("staffing:trip_detail", args=[params["trip"]]),
        example={
            "trip": 1,
            "destination": "上海",
            "approved": False,
            "reason": "改为远程支持",
        },
    ),
    NotificationKind(
        key=expense_reminders.DEADLINE,
        title=_("Submit your expenses of %(month)s by %(deadline)s"),
        body=_("You have %(count)s unsubmitted expense lines of %(month)s."),
        link=lambda params: reverse("staffing:claims_mine"),
        example={"month": "2026-11", "deadline": "2026-12-10", "count": 3},
    ),
    NotificationKind(
        key=expense_reminders.UNSUBMITTED,
        title=_("Expenses of %(month)s never submitted at %(site)s: %(names)s"),
        link=lambda params: reverse("staffing:expense_stats"),
        example={"month": "2026-11", "site": "甲机房", "names": "张三、李四"},
    ),
    NotificationKind(
        key=expense_reminders.ANOMALY,
        title=lambda params: (
            gettext(
                "Expense anomaly at %(site)s in %(month)s: %(total)s against an average of %(average)s"
            )
            % {**params, "total": cny(params["total"]), "average": cny(params["average"])}
        ),
        link=lambda params: reverse("staffing:expense_stats"),
        example={"site": "甲机房", "month": "2026-11", "total": "9000.00", "average": "3000.00"},
    ),
):
    notification_kind_register(kind)

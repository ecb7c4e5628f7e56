"""The notifications of expenses (SPEC §10, §13), registered with staffing's others. Amounts are
passed as decimal text and shown as ¥1,234.50."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onsite.money import cny
from onsite.notifications import NotificationKind, Params, notification_kind_register
from staffing.services import claims, expense_reminders, trips

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
        title=_with_total("%(name)s submits expense claim %(number)s (%(total)s) to sign"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_LATE,
        title=_with_total("Late expense claim %(number)s of %(name)s (%(total)s) waits for you"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_TO_FINANCE,
        title=_with_total("Expense claim %(number)s of %(name)s (%(total)s) waits for finance"),
        link=_claim,
        example=CLAIM_EXAMPLE,
    ),
    NotificationKind(
        key=claims.CLAIM_RETURNED,
        title=_("Your expense claim %(number)s is returned"),
        body="%(reason)s",
        link=_claim,
        example={**CLAIM_EXAMPLE, "reason": "发票抬头有误"},
    ),
    NotificationKind(
        key=claims.CLAIM_PAID,
        title=_with_total("Your expense claim %(number)s is paid: %(total)s on %(date)s"),
        link=_claim,
        example={**CLAIM_EXAMPLE, "date": "2026-12-15"},
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
            "name": "张三",
            "destination": "上海",
            "start": "2026-12-07",
            "end": "2026-12-09",
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

"""The notifications staffing sends (SPEC §3, §4, §13), worded in the reader's language when read
or e-mailed. Parameters hold people's names (never usernames), dates as ISO text, choice values
(worded here from their labels) and the ids of the pages to open. Registered from
`StaffingConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onsite.notifications import NotificationKind, Params, notification_kind_register
from staffing.models import CheckStatus, Condition, LeavingReason

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

"""The notifications assessment sends (SPEC §12, §13), worded in the reader's language when read
or e-mailed. Parameters hold people's names (never usernames), the cycle's label and the ids of
the pages to open. Registered from `AssessmentConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessment.services.reminders import REMINDER, link
from assessment.services.results import APPEAL_DECIDED, APPEALED, RESULTS_READY
from onsite.notifications import NotificationKind, Params, notification_kind_register


def _result(params: Params) -> str:
    return reverse("assessment:result", args=[params["result"]])


def _decided_title(params: Params) -> str:
    if params["upheld"]:
        return gettext("Your appeal on the assessment %(cycle)s is upheld") % params
    return gettext("Your appeal on the assessment %(cycle)s is rejected") % params


KINDS = [
    NotificationKind(
        key=REMINDER,
        title=_("%(count)s people still await your scores in the assessment cycle %(cycle)s"),
        body=_("Scoring closes on %(date)s."),
        link=link,
        example={"cycle": "2026Q3", "count": 7, "date": "2026-10-15"},
    ),
    NotificationKind(
        key=APPEALED,
        title=_("%(name)s appeals their assessment result of %(cycle)s"),
        body="%(reason)s",
        link=_result,
        example={"result": 1, "name": "张三", "cycle": "2026Q3", "reason": "团队协作分数偏低"},
    ),
    NotificationKind(
        key=APPEAL_DECIDED,
        title=_decided_title,
        body="%(note)s",
        link=_result,
        # To the person: their own name and reason go without saying.
        example={"result": 1, "cycle": "2026Q3", "upheld": False, "note": "评分依据充分"},
    ),
    NotificationKind(
        key=RESULTS_READY,
        title=_("Your assessment result of %(cycle)s is ready"),
        body=_("Read it and acknowledge it, or appeal by %(date)s."),
        link=lambda params: reverse("assessment:mine"),
        example={"cycle": "2026Q3", "date": "2026-10-10"},
    ),
]

for kind in KINDS:
    notification_kind_register(kind)

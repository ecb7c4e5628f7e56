"""The notifications assessment sends (SPEC §12, §13), worded in the reader's language when read
or e-mailed. Registered from `AssessmentConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from assessment.services.reminders import REMINDER, link
from onsite.notifications import NotificationKind, notification_kind_register

KINDS = [
    NotificationKind(
        key=REMINDER,
        title=_("%(count)s people still await your scores in the assessment cycle %(cycle)s"),
        body=_("Scoring closes on %(date)s."),
        link=link,
        example={"cycle": "2026Q3", "count": 7, "date": "2026-10-15"},
    ),
]

for kind in KINDS:
    notification_kind_register(kind)

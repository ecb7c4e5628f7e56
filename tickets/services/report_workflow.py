"""The work report's workflow (SPEC §9, onsite.workflows): draft → submitted → reviewed, or
submitted → returned → submitted again. The author submits; a supervisor of the site (never the
author) reviews or returns it with a comment. Registered from TicketsConfig.ready().

Not a kind of the core approvals inbox: reading a report is not an approval, and a week's reports
of a site are read together on their own page (周报审阅), where duties say who is late or missing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.workflows import Action, Workflow
from tickets import permissions as rules
from tickets.models import Report, ReportStatus

R = ReportStatus

TRANSITIONS = {
    R.DRAFT: {R.SUBMITTED},
    R.RETURNED: {R.SUBMITTED},
    R.SUBMITTED: {R.REVIEWED, R.RETURNED},
    R.REVIEWED: set(),
}
MEANWHILE = _("Someone else acted on this report meanwhile: it is now “%(status)s”.")


def _review(*, record, by, note=""):
    from tickets.services.reports import report_review

    return report_review(report=record, by=by, note=note)


def _return(*, record, by, note=""):
    from tickets.services.reports import report_return

    return report_return(report=record, by=by, note=note)


REPORT = Workflow(
    key="report",
    model=Report,
    transitions=TRANSITIONS,
    waiting=(R.SUBMITTED,),
    actions=(
        Action(
            "review",
            _("Mark reviewed"),
            frozenset({R.SUBMITTED}),
            rules.may_review_report,
            _review,
        ),
        Action(
            "return",
            _("Return"),
            frozenset({R.SUBMITTED}),
            rules.may_review_report,
            _return,
            note_required=True,
            approves=False,
        ),
    ),
    waiting_q=rules.may_review_report_q,
    meanwhile=MEANWHILE,
)

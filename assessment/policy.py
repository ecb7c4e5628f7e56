"""The numbers of assessment (SPEC §12), registered from AssessmentConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.policy import PolicyArea, PolicyKey, policy_area_add, policy_key_add
from onsite.policy import PolicyType as T

policy_area_add(PolicyArea("assessment", _("Assessment"), order=70))


def _grade(key: str, default: int, label, explanation) -> PolicyKey:
    return PolicyKey(
        key,
        T.INTEGER,
        default,
        label,
        explanation,
        "assessment",
        unit=_("points"),
        minimum=1,
        maximum=100,
        source="§12",
    )


policy_key_add(
    _grade(
        "assessment_excellent_from",
        90,
        _("Excellent from"),
        _("A total at or above this is graded excellent (优秀)."),
    ),
    _grade(
        "assessment_good_from",
        80,
        _("Good from"),
        _("A total at or above this, below excellent, is graded good (良好)."),
    ),
    _grade(
        "assessment_pass_from",
        60,
        _("Pass from"),
        _("A total at or above this, below good, passes (合格); below it fails (不合格)."),
    ),
    _grade(
        "assessment_adjustment_below",
        60,
        _("Position adjustment below"),
        _("A total below this is flagged for a position adjustment (调岗)."),
    ),
    PolicyKey(
        "assessment_satisfaction_min_tickets",
        T.INTEGER,
        3,
        _("Satisfaction computed from at least"),
        _(
            "Client satisfaction is the average rating × 20 of the tickets the person resolved "
            "in the period when there are at least this many; else the supervisor scores it."
        ),
        "assessment",
        unit=_("tickets"),
        minimum=1,
        maximum=100,
        source="§12",
    ),
    PolicyKey(
        "assessment_appeal_days",
        T.DAYS,
        5,
        _("Appeal within"),
        _("A person may appeal their result within this many days of its publication."),
        "assessment",
        minimum=1,
        maximum=60,
        source="§12",
    ),
    PolicyKey(
        "assessment_reminder_days",
        T.DAYS,
        3,
        _("Remind scorers before the deadline"),
        _("Scorers with unfinished scores are reminded this many days before the deadline."),
        "assessment",
        minimum=1,
        maximum=30,
        source="§12",
    ),
)

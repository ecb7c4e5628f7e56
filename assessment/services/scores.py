"""Scores (SPEC §12): a scorer sets one person's score on one criterion of an open or scoring
cycle, 0–100 with at most one decimal; a closed cycle refuses every change. Client satisfaction is
computed from the ratings of the tickets the person resolved in the period when there are enough
of them; with fewer, the supervisor scores it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import permissions as rules
from assessment.models import Cycle, CycleCriterion, Score, Scorer
from assessment.selectors import results as rule
from onsite.facts import Rating, ratings_of
from onsite.org.models import Staff
from onsite.policy import policy_for
from onsite.transitions import Refused

COMMENT_LENGTH = Score._meta.get_field("comment").max_length


def score_value(raw) -> Decimal:
    """The score as stored: 0–100 with at most one decimal, else refused."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise Refused(_("A score is a number from 0 to 100.")) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise Refused(_("A score is a number from 0 to 100."))
    if value != value.quantize(Decimal("0.1")):
        raise Refused(_("A score has at most one decimal."))
    return value.quantize(Decimal("0.1"))


def closed_refusal(cycle: Cycle) -> str | None:
    if cycle.is_closed:
        return _("The cycle %(label)s is closed: its scores are locked.") % {"label": cycle.label}
    return None


def satisfaction_for(*, cycle: Cycle, staff: Staff) -> tuple[Decimal | None, list[Rating]]:
    """(computed score or None, the rated tickets it is computed from)."""
    rated = ratings_of(staff=staff, first=cycle.first_day, last=cycle.last_day)
    minimum = policy_for(company=cycle.company_id).assessment_satisfaction_min_tickets
    return rule.satisfaction_of([r.rating for r in rated], minimum), rated


def score_set(
    *,
    cycle: Cycle,
    staff: Staff,
    criterion: CycleCriterion,
    score,
    by,
    comment: str = "",
) -> Score:
    if criterion.cycle_id != cycle.pk:
        raise Refused(_("That criterion belongs to another cycle."))
    if staff.company_id != cycle.company_id:
        raise Refused(_("%(name)s is not assessed in this cycle.") % {"name": staff.name})
    value = score_value(score)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_LENGTH:
        raise Refused(
            _("Keep the comment within %(length)s characters.") % {"length": COMMENT_LENGTH}
        )
    refusal = closed_refusal(cycle)
    if refusal and not rules.appeal_open(cycle, staff):
        raise Refused(refusal)
    if not rules.may_score(by, cycle, staff, criterion):
        raise Refused(
            _("You do not score %(criterion)s of %(name)s.")
            % {"criterion": criterion.label, "name": staff.name}
        )
    if criterion.scorer == Scorer.COMPUTED:
        computed, _tickets = satisfaction_for(cycle=cycle, staff=staff)
        if computed is not None:
            raise Refused(
                _("%(criterion)s is computed from the ratings of %(name)s's tickets.")
                % {"criterion": criterion.label, "name": staff.name}
            )
    with transaction.atomic():
        # The lock makes a close and a score at once wait for each other.
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        refusal = closed_refusal(locked)
        if refusal and not rules.appeal_open(locked, staff):
            raise Refused(refusal)
        found = Score.objects.filter(cycle=cycle, staff=staff, criterion=criterion).first()
        record = found or Score(cycle=cycle, staff=staff, criterion=criterion)
        record.score = value
        record.comment = comment
        record.scored_by = by
        record.scored_at = timezone.now()
        record._history_user = by
        record.save()
    return record


def satisfaction_record(*, cycle: Cycle, staff: Staff) -> Score | None:
    """Store the computed satisfaction of the person (when there are enough ratings), so that the
    total reads it like any score. Called when the cycle closes."""
    criterion = cycle.criteria.filter(scorer=Scorer.COMPUTED).first()
    if criterion is None:
        return None
    computed, _tickets = satisfaction_for(cycle=cycle, staff=staff)
    if computed is None:
        return None
    record, _created = Score.objects.update_or_create(
        cycle=cycle,
        staff=staff,
        criterion=criterion,
        defaults={"score": computed, "scored_by": None, "comment": ""},
    )
    return record

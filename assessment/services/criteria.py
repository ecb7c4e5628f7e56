"""Writes of a company's assessment criteria (SPEC §12): HR replaces the whole set at once, with
weights adding up to 100, keys used once, each criterion named and scored by one of the scorers.
Cycles keep the copy they opened with, so a change here never changes a cycle already opened,
and a closed one least of all. Every change is in the criteria's history, with who made it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessment import permissions as rules
from assessment.models import Criterion, Scorer
from assessment.services.cycles import weights_refusal
from onsite.org.models import Company
from onsite.transitions import Refused

FIELDS = ("label", "weight", "scorer", "order")
KEY_MAX = Criterion._meta.get_field("key").max_length
LABEL_MAX = Criterion._meta.get_field("label").max_length
# A weight is a share of 100.
WEIGHT_MIN, WEIGHT_MAX = 1, 100
ORDER_MAX = 999


def _whole(value, low: int, high: int) -> int | None:
    """`value` as a whole number within low..high, else None."""
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _refusals(rows: list[dict]) -> list[str]:
    """Every reason the rows are refused, each said once."""
    found: list[str] = []

    def say(message: str) -> None:
        if message not in found:
            found.append(message)

    if not rows:
        return [_("Keep at least one criterion.")]
    seen: set[str] = set()
    for row in rows:
        key = row["key"]
        if not key or slugify(key) != key or len(key) > KEY_MAX:
            say(
                _(
                    "The key “%(key)s” is not usable: write it with lower-case letters, digits, "
                    "hyphens or underscores, at most %(max)s characters."
                )
                % {"key": key, "max": KEY_MAX}
            )
        elif key in seen:
            say(_("The key “%(key)s” is used twice; each criterion needs its own.") % {"key": key})
        seen.add(key)
        if not row["label"]:
            say(_("Every criterion needs a name."))
        elif len(row["label"]) > LABEL_MAX:
            say(_("A criterion's name has at most %(max)s characters.") % {"max": LABEL_MAX})
        if row["scorer"] not in Scorer.values:
            say(_("“%(scorer)s” is not one of the scorers.") % {"scorer": row["scorer"]})
        if row["weight"] is None:
            say(
                _("Each weight is a whole number from %(min)s to %(max)s.")
                % {"min": WEIGHT_MIN, "max": WEIGHT_MAX}
            )
        if row["order"] is None:
            say(_("Each order is a whole number from 0 to %(max)s.") % {"max": ORDER_MAX})
    if all(row["weight"] is not None for row in rows):
        refusal = weights_refusal([row["weight"] for row in rows])
        if refusal:
            say(refusal)
    return found


def _clean(row: Mapping) -> dict:
    return {
        "key": str(row.get("key") or "").strip(),
        "label": str(row.get("label") or "").strip(),
        "weight": _whole(row.get("weight"), WEIGHT_MIN, WEIGHT_MAX),
        "scorer": str(row.get("scorer") or ""),
        "order": _whole(row.get("order", 0), 0, ORDER_MAX),
    }


def criteria_set(*, company: Company, rows: Iterable[Mapping], by) -> list[Criterion]:
    """Replace the company's criteria by `rows` (each with key, label, weight, scorer, order):
    a criterion keeps its history by its key (changed in place, added, or removed)."""
    if not rules.may_run_cycles(by, company):
        raise Refused(_("Only HR of the company sets its assessment criteria."))
    cleaned = [_clean(row) for row in rows]
    refusals = _refusals(cleaned)
    if refusals:
        raise Refused(*refusals)
    with transaction.atomic():
        # Two HR admins saving at once: the second waits, then replaces the first's set whole.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        existing = {c.key: c for c in Criterion.objects.filter(company=company)}
        wanted = {row["key"] for row in cleaned}
        for key, criterion in existing.items():
            if key not in wanted:
                criterion._history_user = by
                criterion.delete()
        for row in cleaned:
            criterion = existing.get(row["key"])
            if criterion is None:
                criterion = Criterion(company=company, key=row["key"])
            elif all(getattr(criterion, name) == row[name] for name in FIELDS):
                continue
            for name in FIELDS:
                setattr(criterion, name, row[name])
            criterion._history_user = by
            criterion.save()
    return list(Criterion.objects.filter(company=company))

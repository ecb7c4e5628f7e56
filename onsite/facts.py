"""The facts of a person's period that the apps keep, for the assessment's scoring form and its
PDF (SPEC §12: attendance, tickets and their SLA, weekly reports, rewards and penalties, ticket
ratings). Each app registers what it knows in its AppConfig.ready(); the assessment reads them
here without importing the apps, and the core imports none of them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rating:
    """One rated ticket the person resolved: its 1–5 rating, its name and its page."""

    rating: int
    label: str
    url: str


RatingSource = Callable[..., list[Rating]]
_RATINGS: list[RatingSource] = []


def ratings_register(source: RatingSource) -> None:
    """source(staff=, first=, last=) -> the rated tickets the person resolved in first..last."""
    if source not in _RATINGS:
        _RATINGS.append(source)


def ratings_of(*, staff, first: datetime.date, last: datetime.date) -> list[Rating]:
    return [rating for source in _RATINGS for rating in source(staff=staff, first=first, last=last)]


RatingsBySource = Callable[..., dict[int, list[int]]]
_RATINGS_BY_STAFF: list[RatingsBySource] = []


def ratings_by_staff_register(source: RatingsBySource) -> None:
    """source(staff_ids=, first=, last=) -> {staff id: the 1–5 ratings of the tickets each
    resolved in first..last}: the ratings of the same source's `ratings_of`, read for many people
    at once (the scoring list of a whole site in one read)."""
    if source not in _RATINGS_BY_STAFF:
        _RATINGS_BY_STAFF.append(source)


def ratings_by_staff(
    *, staff_ids, first: datetime.date, last: datetime.date
) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for source in _RATINGS_BY_STAFF:
        for staff_id, ratings in source(staff_ids=staff_ids, first=first, last=last).items():
            found.setdefault(staff_id, []).extend(ratings)
    return found


@dataclass(frozen=True)
class Fact:
    """One fact of a person's period, as the scoring form and the sheet show it: "迟到 3 次",
    linking to where it comes from. `group` names its source ("attendance", "tickets",
    "reports", "rewards"), `order` places it among the facts of all sources."""

    group: str
    label: str
    value: str
    url: str = ""
    order: int = 0


FactSource = Callable[..., list[Fact]]
# source(staff=[people], first=, last=) -> {staff id: facts}: the same facts of many people read
# at once, for a source whose reads cost per person (a site's batch of sheets).
FactsMany = Callable[..., dict[int, list[Fact]]]
_FACTS: list[FactSource] = []
_FACTS_MANY: dict[FactSource, FactsMany] = {}


def facts_register(source: FactSource, *, many: FactsMany | None = None) -> None:
    """source(staff=, first=, last=) -> the facts the app keeps of the person in first..last;
    `many`, when given, reads them for a list of people at once."""
    if source not in _FACTS:
        _FACTS.append(source)
    if many is not None:
        _FACTS_MANY[source] = many


def facts_of(*, staff, first: datetime.date, last: datetime.date) -> list[Fact]:
    """Every registered source's facts of the person's period, in their `order`."""
    facts = [fact for source in _FACTS for fact in source(staff=staff, first=first, last=last)]
    return sorted(facts, key=lambda fact: fact.order)


def facts_of_many(*, staff, first: datetime.date, last: datetime.date) -> dict[int, list[Fact]]:
    """facts_of for each of `staff`, by staff id; a source that reads many people at once is
    asked once for them all."""
    people = list(staff)
    found: dict[int, list[Fact]] = {person.pk: [] for person in people}
    for source in _FACTS:
        many = _FACTS_MANY.get(source)
        if many is not None:
            for pk, facts in many(staff=people, first=first, last=last).items():
                found[pk].extend(facts)
            continue
        for person in people:
            found[person.pk].extend(source(staff=person, first=first, last=last))
    return {pk: sorted(facts, key=lambda fact: fact.order) for pk, facts in found.items()}

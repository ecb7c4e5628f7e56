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

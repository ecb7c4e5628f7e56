"""The assessment sheets of a 100-person site (SPEC §12): one PDF, a page each, as HR prints them
after the close. Timed once (WeasyPrint lays out every page; repeats add nothing but minutes);
the figures (seconds, pages, bytes) go to the table at the end of `make bench`. Target: under
20 s."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from assessment.models import Result, Score
from assessment.services.cycles import DEFAULT_CRITERIA
from assessment.services.pdf import sheets_pdf
from tests import factories
from tests.pdf import pdf_page_count

PEOPLE = 100

pytestmark = pytest.mark.django_db


def closed_cycle_of_a_site():
    site = factories.SiteFactory(name="考核压力测试点")
    cycle = factories.CycleFactory(company=factories.CompanyFactory(), status="closed")
    criteria = [
        factories.CycleCriterionFactory(
            cycle=cycle, key=key, label=str(label), weight=weight, scorer=scorer, order=n
        )
        for n, (key, label, weight, scorer) in enumerate(DEFAULT_CRITERIA)
    ]
    people = [
        factories.StaffFactory(company=cycle.company, name=f"考核人员{n:03d}")
        for n in range(PEOPLE)
    ]
    Score.objects.bulk_create(
        Score(cycle=cycle, staff=p, criterion=c, score=Decimal(60 + n % 40), comment="表现稳定")
        for n, p in enumerate(people)
        for c in criteria
    )
    Result.objects.bulk_create(
        Result(
            cycle=cycle,
            staff=p,
            site=site,
            total=Decimal(60 + n % 40),
            grade="good",
            site_rank=PEOPLE - n,
            company_rank=PEOPLE - n,
        )
        for n, p in enumerate(people)
    )
    return cycle, site


def test_the_sheets_of_a_100_person_site(report):
    cycle, site = closed_cycle_of_a_site()
    started = time.perf_counter()
    pdf = sheets_pdf(cycle=cycle, site=site)
    seconds = time.perf_counter() - started
    pages = pdf_page_count(pdf)
    assert pages == PEOPLE
    report(f"assessment sheets, {PEOPLE} people", round(seconds, 1), "s")
    report(f"assessment sheets, {PEOPLE} people, pages", pages)
    report(f"assessment sheets, {PEOPLE} people, size", len(pdf) // 1024, "KiB")
    print(
        f"\nassessment sheets, {PEOPLE} people: {seconds:.1f} s, {pages} pages, {len(pdf):,} bytes"
    )

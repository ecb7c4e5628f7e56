"""The ranking of a company's assessment cycle at scale (SPEC §12): the demo company with
BENCH_STAFF people (2,000 by default), its closed last quarter read by its HR admin as the
company's result page (every person's row, the grade chart, the flagged) and as the XLSX, with
the number of queries each takes, which does not grow with the people; and the current quarter,
still scoring, whose provisional ranking is computed as it stands (everyone's ticket ratings in
one read)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from assessment.models import Cycle, CycleStatus, Result
from onsite.demo import COMPANY_NAME
from tests.benchmarks.conftest import measure_get, report_timing


def test_the_ranking_of_the_demo_company(client, db, demo, report, print_queries):
    closed = Cycle.objects.get(company__name=COMPANY_NAME, status=CycleStatus.CLOSED)
    people = Result.objects.filter(cycle=closed).count()
    client.force_login(get_user_model().objects.get(username="hr"))
    timing = measure_get(client, reverse("assessment:results_company", args=[closed.pk]))
    report_timing(report, f"assessment ranking page, closed cycle, {people} people", timing)
    print_queries("assessment ranking", timing)
    print(
        f"\nassessment ranking page, {people} people, {len(timing.samples_ms)} runs: "
        f"median {timing.median:.1f} ms, p95 {timing.p95:.1f} ms, {len(timing.queries)} queries"
    )
    xlsx = measure_get(client, reverse("assessment:results_xlsx", args=[closed.pk]), requests=5)
    report_timing(report, f"assessment ranking XLSX, {people} people", xlsx)
    print(
        f"assessment ranking XLSX, {people} people: median {xlsx.median:.1f} ms, "
        f"p95 {xlsx.p95:.1f} ms, {len(xlsx.queries)} queries"
    )
    scoring = Cycle.objects.get(company__name=COMPANY_NAME, status=CycleStatus.SCORING)
    provisional = measure_get(
        client, reverse("assessment:results_company", args=[scoring.pk]), requests=3
    )
    report_timing(report, "assessment provisional ranking page, scoring cycle", provisional)
    print(
        f"assessment provisional ranking page (scoring cycle): median "
        f"{provisional.median:.1f} ms, p95 {provisional.p95:.1f} ms, "
        f"{len(provisional.queries)} queries"
    )

"""Assessments in a browser (SPEC §12, issue 15): the supervisor of 甲机房 scores three people on a
360 px phone (work performance, attitude, and client satisfaction, which no rated ticket
computes); the manager scores their teamwork at a 1280 px desk; HR closes the cycle on its page;
the manager reads the site's ranking and chart, asks for the site's assessment sheets as one PDF,
which a real Celery worker makes, and downloads it; 张三 acknowledges his result on a phone
(签字确认); 王五 appeals with a reason, and the appeal waits in the manager's approvals inbox,
which opens his result.

Who closes: only HR of the company runs cycles (assessment.permissions.may_run_cycles); the
test world has nobody who is both HR and a manager, so HR (the `hr` login) closes the cycle.

axe checks every page the journey opens. Screenshots go to var/screens/assessment/ (not kept in
git) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from assessment.models import Cycle, Result, ResultStatus, Score
from assessment.services.cycles import cycle_open, cycle_start_scoring
from onsite.exports.models import ExportJob, ExportStatus
from tests import factories
from tests.browser.conftest import DESKTOP, PHONE, login, page_width, url
from tests.dates import THURSDAY
from tests.pdf import pdf_page_count, pdf_text

pytestmark = pytest.mark.worker

SCREENS = Path(settings.BASE_DIR) / "var" / "screens" / "assessment"

# (performance, attitude, satisfaction) from the supervisor, teamwork from the manager.
# The office logins of the test world carry no name; here they are named as people would be, so
# that the pages show 周建国, not supervisor_a.
NAMES = {"supervisor_a": ("周", "建国"), "manager": ("陈", "立"), "hr": ("吴", "芳")}

SCORES = {
    "张三": ("92", "90", "88", "90"),
    "赵六": ("80", "78", "75", "76"),
    "王五": ("58", "60", "55", "56"),
}


def shot(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    # After a full-page shot of a page taller than the phone, Chromium's next click lands
    # nowhere (no request leaves) until the page is scrolled again.
    page.evaluate("window.scrollTo(0, 0)")


def fits(page: Page) -> None:
    width = page.viewport_size["width"]
    assert page_width(page) <= width, f"{page.url} is {page_width(page)} px wide at {width} px"


@pytest.fixture
def worker(tmp_path, monkeypatch, request):
    """A real worker writing where this test's storage reads (tests/conftest.py puts it under
    tmp_path): the worker process takes its settings from the environment."""
    monkeypatch.setenv("EXPORTS_ROOT", str(tmp_path / "exports"))
    return request.getfixturevalue("celery_worker")


def score(page: Page, key: str, value: str, comment: str = "") -> None:
    row = page.locator(f"[data-testid=criteria] li[data-criterion={key}]")
    expect(row).to_have_attribute("data-editable", "yes")
    row.locator("input[name^=score_]").fill(value)
    if comment:
        row.locator("textarea[name^=comment_]").fill(comment)


def test_scored_closed_printed_acknowledged_and_appealed(new_page, live_server, live_world, worker):
    w = live_world
    for username, (last, first) in NAMES.items():
        user = w.users[username]
        user.last_name, user.first_name = last, first
        user.save(update_fields=["last_name", "first_name"])
    hr = w.users["hr"]
    wang = factories.colleague_of(w, "王五")
    zhao = factories.colleague_of(w, "赵六")
    people = {"张三": w.person_a, "王五": wang, "赵六": zhao}
    cycle = cycle_open(company=w.company, label="2026Q3", scoring_deadline=THURSDAY, by=hr)
    cycle_start_scoring(cycle=cycle, by=hr)

    # 1. The supervisor of site A, on a phone: 待评分 lists the three, each moves to done.
    phone = new_page(PHONE)
    login(phone, live_server, "supervisor_a")
    phone.goto(url(live_server, "assessment:scoring"))
    for person in people.values():
        expect(phone.locator(f"[data-staff='{person.pk}'] [data-testid=left]")).to_be_visible()
    expect(phone.locator("[data-testid=people] > li")).to_have_count(3)
    fits(phone)
    shot(phone, "01-supervisor-to-score-360")
    for n, (name, person) in enumerate(people.items()):
        phone.goto(url(live_server, "assessment:scoring"))
        phone.locator(f"[data-staff='{person.pk}'] a").click()
        expect(phone.locator("h1")).to_contain_text(name)
        # Nobody rated a ticket of theirs: the supervisor scores client satisfaction too.
        expect(phone.locator("[data-testid=not-computed]")).to_be_visible()
        expect(phone.locator("li[data-criterion=teamwork]")).to_have_attribute(
            "data-editable", "no"
        )
        performance, attitude, satisfaction, _teamwork = SCORES[name]
        score(phone, "performance", performance, "季度工单按时完成，机房巡检无遗漏。")
        score(phone, "attitude", attitude)
        score(phone, "satisfaction", satisfaction)
        fits(phone)
        if n == 0:
            shot(phone, "02-supervisor-form-360")
        phone.locator("[data-testid=save]").click()
        expect(phone.locator(".alert-success")).to_contain_text(name)
        phone.goto(url(live_server, "assessment:scoring"))
        expect(phone.locator(f"[data-staff='{person.pk}'] [data-testid=done]")).to_be_visible()
    expect(phone.locator("[data-testid=people] [data-testid=left]")).to_have_count(0)
    fits(phone)
    shot(phone, "03-supervisor-all-done-360")
    assert Score.objects.filter(cycle=cycle, scored_by=w.users["supervisor_a"]).count() == 9

    # 2. The manager, at a desk, scores the teamwork of the three; 李四 of site B waits.
    desk = new_page(DESKTOP)
    login(desk, live_server, "manager")
    for name, person in people.items():
        desk.goto(url(live_server, "assessment:scoring"))
        desk.locator(f"[data-staff='{person.pk}'] a").click()
        expect(desk.locator("h1")).to_contain_text(name)
        for key in ("performance", "attitude", "satisfaction"):
            # Scores are kept to a tenth.
            expect(desk.locator(f"li[data-criterion={key}] [data-score]")).to_have_text(
                SCORES[name][("performance", "attitude", "satisfaction").index(key)] + ".0"
            )
        score(desk, "teamwork", SCORES[name][3], "协作积极。")
        if name == "张三":
            shot(desk, "04-manager-form-1280")
        desk.locator("[data-testid=save]").click()
        expect(desk.locator(".alert-success")).to_contain_text(name)
    desk.goto(url(live_server, "assessment:scoring"))
    for person in people.values():
        expect(desk.locator(f"[data-staff='{person.pk}'] [data-testid=done]")).to_be_visible()
    expect(desk.locator(f"[data-staff='{w.person_b.pk}'] [data-testid=left]")).to_be_visible()
    shot(desk, "05-manager-to-score-1280")

    # HR closes the cycle on its page (the manager may not: may_run_cycles).
    office = new_page(DESKTOP)
    login(office, live_server, "hr")
    office.goto(url(live_server, "assessment:cycle", cycle.pk))
    office.locator("#close-confirm").check()
    office.locator("[data-testid=close]").click()
    expect(office.locator("[data-testid=status]")).to_have_attribute("data-status", "closed")
    shot(office, "06-hr-cycle-closed-1280")
    cycle.refresh_from_db()
    assert cycle.is_closed
    results = {r.staff_id: r for r in Result.objects.filter(cycle=cycle)}
    assert all(person.pk in results for person in people.values())

    # 3. The manager reads the site's ranking and chart, and prints the site's sheets.
    desk.goto(url(live_server, "assessment:results_site", cycle.pk, w.site_a.pk))
    table = desk.locator("[data-testid=ranking-table] tbody tr")
    expect(table).to_have_count(3)
    expect(table.nth(0)).to_have_attribute("data-staff", str(w.person_a.pk))
    expect(table.nth(0)).to_have_attribute("data-site-rank", "1")
    expect(table.nth(1)).to_have_attribute("data-staff", str(zhao.pk))
    expect(table.nth(2)).to_have_attribute("data-staff", str(wang.pk))
    expect(desk.locator("#grade-chart[data-drawn=true] svg")).to_be_visible()
    expect(desk.locator(f"[data-testid=flagged] [data-staff='{wang.pk}']")).to_be_visible()
    fits(desk)
    shot(desk, "07-manager-site-results-1280")
    desk.locator("[data-testid=results-pdf]").click()
    job = ExportJob.objects.get()
    expect(desk).to_have_url(url(live_server, "exports:detail", job.pk))
    # The worker makes it; the page follows the job by itself until it offers the file.
    download = desk.locator("[data-testid=export-download]")
    expect(download).to_be_visible(timeout=90_000)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    shot(desk, "08-manager-export-done-1280")
    response = desk.request.get(live_server.url + download.get_attribute("href"))
    assert response.status == 200
    pdf = response.body()
    assert pdf.startswith(b"%PDF-")
    ranked_at_site = Result.objects.filter(cycle=cycle, site=w.site_a).count()
    assert ranked_at_site == 3 and pdf_page_count(pdf) == ranked_at_site
    text = pdf_text(pdf)
    for name in people:
        assert name in text, name

    # 4. 张三 reads his result on a phone and acknowledges it.
    mine = new_page(PHONE)
    login(mine, live_server, "staff_a")
    mine.goto(url(live_server, "assessment:mine"))
    zhang = results[w.person_a.pk]
    mine.locator(f"[data-result='{zhang.pk}']").click()
    expect(mine).to_have_url(url(live_server, "assessment:result", zhang.pk))
    scores = mine.locator("[data-testid=scores]")
    expect(scores.locator("tr[data-criterion=performance]")).to_contain_text("92.0")
    # Who scored: people's names, never their logins.
    expect(scores.locator("tr[data-criterion=performance]")).to_contain_text("周建国")
    expect(scores.locator("tr[data-criterion=teamwork]")).to_contain_text("陈立")
    expect(scores).not_to_contain_text("supervisor_a")
    fits(mine)
    shot(mine, "09-staff-result-360")
    mine.locator("[data-action=acknowledge]").click()
    expect(mine.locator(".alert-success")).to_be_visible()
    expect(mine.locator("[data-testid=acknowledged]")).to_be_visible()
    expect(mine.locator("[data-testid=my-decision]")).to_have_count(0)
    fits(mine)
    shot(mine, "10-staff-acknowledged-360")
    zhang.refresh_from_db()
    assert zhang.status == ResultStatus.ACKNOWLEDGED and zhang.acknowledged_at

    # 5. 王五 appeals on his phone; the manager finds it in the inbox and opens his result.
    other = new_page(PHONE)
    login(other, live_server, wang.user.username)
    other.goto(url(live_server, "assessment:mine"))
    wangs = results[wang.pk]
    other.locator(f"[data-result='{wangs.pk}']").click()
    expect(other.locator("[data-testid=adjustment]")).to_be_visible()
    other.fill("#id_reason", "第三季度我负责的两次割接都按时完成，工作业绩分数偏低，请复核。")
    other.locator("[data-action=appeal]").click()
    expect(other.locator(".alert-success")).to_be_visible()
    expect(other.locator("[data-testid=appeal]")).to_contain_text("请复核")
    fits(other)
    shot(other, "11-colleague-appealed-360")
    wangs.refresh_from_db()
    assert wangs.status == ResultStatus.APPEALED

    desk.goto(url(live_server, "inbox:list"))
    item = desk.locator("[data-testid=approvals] > li").filter(has_text="王五")
    expect(item).to_have_count(1)
    fits(desk)
    shot(desk, "12-manager-inbox-1280")
    item.locator("[data-testid=open]").click()
    expect(desk).to_have_url(url(live_server, "assessment:result", wangs.pk))
    expect(desk.locator("[data-testid=appeal-decision-form]")).to_be_visible()
    expect(desk.locator("[data-testid=rescore]")).to_be_visible()
    fits(desk)
    shot(desk, "13-manager-appealed-result-1280")
    assert Cycle.objects.get(pk=cycle.pk).is_closed

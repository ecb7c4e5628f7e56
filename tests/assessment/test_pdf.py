"""The assessment sheets (考核表, SPEC §12): a real PDF with a page per person ranked at the site,
by site rank then name, each with its scores, total, grade, ranks and signature lines in the
embedded CJK font; only a closed cycle prints."""

import datetime
import re

import pytest

from assessment.models import Result
from assessment.services import cycles
from assessment.services.pdf import sheet_pdf, sheets_pdf
from onsite.transitions import Refused
from tests import factories
from tests.assessment.test_cycles import opened, resolved_ticket, score_all
from tests.pdf import pdf_embedded_fonts, pdf_page_count, pdf_text, pdf_to_pngs

pytestmark = pytest.mark.django_db

EVERYTHING = ("performance", "attitude", "teamwork", "satisfaction")


def closed_cycle(world, ratings=()):
    cycle = opened(world)
    third = factories.colleague_of(world, "王五")
    low = factories.colleague_of(world, "赵六")
    score_all(world, cycle, world.person_a, dict.fromkeys(EVERYTHING, "88.5"))
    score_all(world, cycle, third, dict.fromkeys(EVERYTHING, 92))
    score_all(world, cycle, low, dict.fromkeys(EVERYTHING, "55.5"))
    score_all(world, cycle, world.person_b, dict.fromkeys(EVERYTHING, 95))
    # Rated after scoring: the close then records satisfaction from the ratings instead.
    for rating in ratings:
        resolved_ticket(world, world.person_a, rating, datetime.date(2026, 8, 3))
    cycles.cycle_start_scoring(cycle=cycle, by=world.hr)
    cycles.cycle_close(cycle=cycle, by=world.hr)
    return cycle


def test_a_sites_sheets_are_a_page_per_person_by_rank_with_scores_grades_and_ranks(world):
    cycle = closed_cycle(world, ratings=(5, 4, 3))
    pdf = sheets_pdf(cycle=cycle, site=world.site_a)
    assert pdf.startswith(b"%PDF")
    people = Result.objects.filter(cycle=cycle, site=world.site_a).count()
    assert people == 3 and pdf_page_count(pdf) == people
    text = pdf_text(pdf)
    # Site rank order: 王五 (92) first, then person A (88.5, satisfaction computed from 5/4/3 →
    # 80.0), 赵六 last.
    order = [text.index(name) for name in ("王五", world.person_a.name, "赵六")]
    assert order == sorted(order)
    for words in ("考核表", "工作业绩", "40%", "92.0", "优秀", "良好", "不合格", "建议调岗"):
        assert words in text, words
    assert re.search(r"第\s*1\s*名\s*/\s*共\s*3\s*人", text)
    # Company rank: 4 people in the company, person B at site B first.
    assert re.search(r"第\s*2\s*名\s*/\s*共\s*4\s*人", text)
    assert "被考核人签字" in text and "现场负责人签字" in text and "待签字确认" in text
    assert "5 / 5" in text and "3 / 5" in text
    # The period's facts the apps register: person A resolved the three rated tickets.
    assert re.search(r"处理的服务工单：\s*3\s*张", text) and "周报按时率（2026Q3）" in text
    # Each person's part numbers its own pages.
    assert len(re.findall(r"第\s*1\s*页\s*/\s*共\s*1\s*页", text)) == 3
    fonts = pdf_embedded_fonts(pdf)
    assert any("CJK" in name for name in fonts), fonts


def test_one_sheet_shows_an_appeal_and_a_pass(world):
    cycle = closed_cycle(world)
    result = Result.objects.get(cycle=cycle, staff=world.person_b)
    Result.objects.filter(pk=result.pk).update(
        status="appealed",
        appeal_reason="团队协作分数偏低",
        appealed_at=datetime.datetime(2026, 10, 20, 9, 0, tzinfo=datetime.UTC),
        outcome="training",
        outcome_note="参加沟通培训",
    )
    result.refresh_from_db()
    pdf = sheet_pdf(result=result)
    text = pdf_text(pdf)
    assert pdf_page_count(pdf) == 1
    for words in (
        world.person_b.name,
        world.person_b.staff_no,
        "95.0",
        "已申诉",
        "团队协作分数偏低",
    ):
        assert words in text, words
    assert "培训：参加沟通培训" in text and "2026Q3" in text


def test_a_cycle_not_closed_is_refused(world):
    cycle = opened(world)
    with pytest.raises(Refused, match="关闭后"):
        sheets_pdf(cycle=cycle, site=world.site_a)


def test_the_sheet_draws(world, tmp_path):
    cycle = closed_cycle(world)
    pngs = pdf_to_pngs(sheets_pdf(cycle=cycle, site=world.site_a), tmp_path)
    assert len(pngs) == 3 and all(p.stat().st_size > 5000 for p in pngs)

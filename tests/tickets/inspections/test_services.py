"""The rules of inspections (SPEC §11), each with its refusal: the checklist is its site's
supervisor's or HR's; the day's round is recorded once by someone placed at the site, every item
in use, a failed one with its note and a fault ticket of its own, all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onsite.transitions import Refused
from tests.dates import SHANGHAI, TUESDAY
from tests.tickets.inspections.conftest import PNG, ROUND_AT, record
from tickets.models import Channel, ChecklistItem, Inspection, InspectionResult, Ticket
from tickets.services import inspections as services
from tickets.services.inspections import Check

pytestmark = pytest.mark.django_db


# The checklist ------------------------------------------------------------------------------------


def test_the_supervisor_adds_items_at_the_end(world, checklist):
    line = services.checklist_item_add(
        site=world.site_a, by=world.supervisor_a, system=" 空调 ", item="出风温度"
    )
    assert (line.system, line.item, line.order) == ("空调", "出风温度", 4)
    assert line.history.get().history_user == world.supervisor_a


def test_hr_of_the_serving_company_edits_the_checklist(world):
    line = services.checklist_item_add(site=world.site_a, by=world.hr, system="网络", item="光模块")
    assert line.site == world.site_a


@pytest.mark.parametrize("who", ["staff_a", "staff_b", "client_a", "manager"])
def test_others_do_not_edit_the_checklist(world, who):
    user = world.users[who]
    with pytest.raises(Refused, match="只有现场主管或人事可以编辑"):
        services.checklist_item_add(site=world.site_a, by=user, system="网络", item="光模块")
    assert not ChecklistItem.objects.exists()


@pytest.mark.parametrize(
    ("system", "item", "message"),
    [
        (" ", "光模块", "请填写系统和检查项"),
        ("网", "x" * 201, "不超过60个字"),
        ("网络", "", "请填写系统和检查项"),
    ],
)
def test_a_blank_or_long_item_is_refused(world, system, item, message):
    with pytest.raises(Refused, match=message):
        services.checklist_item_add(site=world.site_a, by=world.hr, system=system, item=item)


def test_the_same_item_twice_is_refused(world, checklist):
    with pytest.raises(Refused, match="巡检清单中已有此项"):
        services.checklist_item_add(
            site=world.site_a, by=world.hr, system="网络", item="核心交换机指示灯"
        )


def test_items_move_up_and_down(world, checklist):
    first, second, third = checklist
    services.checklist_item_move(item=third, by=world.supervisor_a, up=True)
    order = list(ChecklistItem.objects.filter(site=world.site_a).values_list("pk", flat=True))
    assert order == [first.pk, third.pk, second.pk]
    # The first one up stays where it is.
    services.checklist_item_move(item=first, by=world.supervisor_a, up=True)
    services.checklist_item_move(item=first, by=world.supervisor_a, up=False)
    order = list(ChecklistItem.objects.filter(site=world.site_a).values_list("pk", flat=True))
    assert order == [third.pk, first.pk, second.pk]


def test_staff_do_not_reorder(world, checklist):
    with pytest.raises(Refused):
        services.checklist_item_move(item=checklist[1], by=world.staff_a, up=True)


def test_a_retired_item_stays_in_old_records_and_leaves_the_next_round(world, checklist):
    monday = record(world, checklist)
    services.checklist_item_retire(item=checklist[2], by=world.supervisor_a)
    assert monday.results.filter(item=checklist[2]).exists()
    tuesday_at = datetime.datetime.combine(TUESDAY, datetime.time(9), tzinfo=SHANGHAI)
    with pytest.raises(Refused, match="巡检清单刚被修改"):
        record(world, checklist, now=tuesday_at)
    tuesday = record(world, checklist[:2], now=tuesday_at)
    assert tuesday.results.count() == 2
    # The retired item may come back as a new line.
    services.checklist_item_add(site=world.site_a, by=world.hr, system="服务器", item="磁盘告警")


# The day's round ----------------------------------------------------------------------------------


def test_the_person_on_duty_records_the_round(world, checklist):
    inspection = record(world, checklist, note="一切正常")
    assert (inspection.date, inspection.inspector, inspection.note) == (
        ROUND_AT.date(),
        world.person_a,
        "一切正常",
    )
    assert [r.ok for r in inspection.results.all()] == [True, True, True]
    assert not Ticket.objects.exists()


def test_a_failed_item_opens_a_fault_ticket_linked_to_it(world, checklist):
    inspection = record(world, checklist, failed=(1,))
    result = inspection.results.get(ok=False)
    ticket = Ticket.objects.get()
    assert ticket.inspection_result == result
    assert (ticket.category, ticket.priority, ticket.channel) == (
        "fault",
        "normal",
        Channel.WALK_UP,
    )
    assert (ticket.raised_by, ticket.raised_for_name) == (world.staff_a, "日常巡检")
    assert ticket.title == "网络 · 核心交换机指示灯"
    assert ticket.description == "指示灯红色"


def test_a_failed_item_needs_a_note(world, checklist):
    checks = [Check(item=item, ok=item != checklist[0], note=" ") for item in checklist]
    with pytest.raises(Refused, match="请说明“机房环境 · 温度湿度”的问题"):
        services.inspection_record(site=world.site_a, by=world.staff_a, checks=checks, now=ROUND_AT)
    assert not Inspection.objects.exists()


def test_a_second_round_the_same_day_is_refused_and_changes_nothing(world, checklist):
    record(world, checklist)
    with pytest.raises(Refused, match="已由张三于09:30记录"):
        record(world, checklist, failed=(0,))
    assert Inspection.objects.count() == 1
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("who", ["staff_b", "supervisor_a", "hr", "client_a", "manager"])
def test_only_someone_placed_at_the_site_records_it(world, checklist, who):
    with pytest.raises(Refused, match="只有派驻该现场的人员可以记录巡检"):
        record(world, checklist, by=world.users[who])
    assert not Inspection.objects.exists()


def test_a_site_without_a_checklist_has_nothing_to_record(world):
    with pytest.raises(Refused, match="还没有巡检清单"):
        services.inspection_record(site=world.site_a, by=world.staff_a, checks=[], now=ROUND_AT)


def test_a_photo_is_kept_and_a_false_one_refuses_the_whole_round(world, checklist):
    checks = [Check(item=item, ok=True) for item in checklist]
    checks[1] = Check(
        item=checklist[1], ok=False, note="告警", photo=SimpleUploadedFile("a.png", b"%PDF-1.4")
    )
    with pytest.raises(Refused, match="核心交换机指示灯"):
        services.inspection_record(site=world.site_a, by=world.staff_a, checks=checks, now=ROUND_AT)
    assert not Inspection.objects.exists()
    assert not Ticket.objects.exists()
    checks[1].photo = SimpleUploadedFile("灯.png", PNG)
    inspection = services.inspection_record(
        site=world.site_a, by=world.staff_a, checks=checks, now=ROUND_AT
    )
    result = InspectionResult.objects.get(inspection=inspection, ok=False)
    assert result.photo.read() == PNG
    assert result.ticket.inspection_result == result

"""Service tickets in the group chats (tickets.services.reminders): an SLA breach and an
escalation are posted to the site's and the company's robots in Chinese, with the ticket's
reference, title, what happened and its link, once like their notifications, however often the
scan runs."""

from __future__ import annotations

import datetime

from django.utils import translation

from tests.onsite.channels.conftest import webhook
from tests.tickets.conftest import RAISED_AT, raise_ticket
from tickets.services.reminders import tickets_sla_remind

RESPONSE_DUE = RAISED_AT + datetime.timedelta(hours=24)


def contents(robot) -> list[str]:
    return [post.body["text"]["content"] for post in robot.posts]


def test_an_sla_breach_is_posted_to_the_site_robot_once(
    world, robot, django_capture_on_commit_callbacks
):
    ticket = raise_ticket(world)
    webhook(robot=robot, service="dingtalk", site=world.site_a, secret="SECx")
    webhook(robot=robot, service="wecom", site=world.site_b)
    after = RESPONSE_DUE + datetime.timedelta(minutes=1)
    # Read in English by whoever runs the job: the group still reads Chinese.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        tickets_sla_remind(now=after)
        tickets_sla_remind(now=after + datetime.timedelta(minutes=5))
    assert contents(robot) == [
        "甲机房的工单 A-0001 至 2026-10-13 09:00 仍未响应，已超时：打印机无法打印\n"
        f"https://onsite.example.com/tickets/{ticket.pk}/"
    ]
    # Signed like any post of a robot with a secret; site B's robot hears nothing.
    assert robot.posts[0].query["sign"]


def test_an_urgent_fault_is_posted_to_the_company_robot_at_once(
    world, robot, django_capture_on_commit_callbacks
):
    webhook(robot=robot, service="wecom", company=world.company)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = raise_ticket(world, priority="urgent")
    [text] = contents(robot)
    assert "A-0001" in text
    assert "打印机无法打印" in text
    assert text.endswith(f"/tickets/{ticket.pk}/")

"""Service tickets' part of the demo (registered in TicketsConfig.ready()): at the demo site, a
ticket in every state (one past its resolution due time, one rated, one complaint, one raised by
staff for the client on the phone), one at a second site, the site's inspection checklist and a
week of daily inspections, one with a failed item that opened a fault ticket.

Everything goes through the ticket and inspection services with explicit times before the demo's now, so the due
times, the thread and the SLA states are what the services would have made. The step draws
nothing from the demo's random sequence, so the other apps' data stay as they were."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.utils import timezone

from onsite.demo import DemoStep, DemoWorld, demo_step_register
from tickets.models import (
    Category,
    Channel,
    Priority,
    SiteDesk,
    Ticket,
    TicketComment,
    WorkPlan,
)
from tickets.services import tickets as services
from tickets.services.inspections import Check, checklist_item_add, inspection_record

# The demo site's checklist (systems × items), as a machine room's daily round reads.
CHECKLIST = [
    ("机房环境", "温湿度在范围内（18–27℃，40%–60%）"),
    ("机房环境", "精密空调运行正常，无告警"),
    ("机房环境", "UPS 运行正常，电池无告警"),
    ("机房环境", "消防设施完好，通道畅通"),
    ("网络", "核心交换机运行正常，端口无异常"),
    ("网络", "互联网出口与防火墙无告警"),
    ("服务器", "服务器硬件指示灯正常"),
    ("服务器", "存储容量低于 80%，无告警"),
    ("备份", "昨日备份任务全部成功"),
]
# The item that failed, how many days ago, and what the inspector wrote.
FAILED_ITEM = 2
FAILED_DAYS_AGO = 2
FAILED_NOTE = "UPS 面板显示 2 号电池组告警，电池内阻偏高。"
INSPECTION_DAYS = 7


def tickets(world: DemoWorld) -> None:
    _demo_tickets(world)


def inspections(world: DemoWorld) -> None:
    _demo_inspections(world)


def register() -> None:
    # After every step drawing from the demo's random sequence (10–40): this one draws nothing,
    # and comes last so the others' data stay as they were.
    demo_step_register(DemoStep("tickets", tickets, 60))
    demo_step_register(DemoStep("tickets_inspections", inspections, 61))
    # Last week's work reports at the demo site, in every state (tickets/services/report_demo.py).
    from tickets.services.report_demo import reports as work_reports

    demo_step_register(DemoStep("tickets_work_reports", work_reports, 62))
    demo_step_register(DemoStep("tickets_plans", work_plans, 62))


class _Clock:
    """Times at the site: `at(2, 9, 30)` is 09:30 two days before the demo's today."""

    def __init__(self, site, today: datetime.date):
        self.zone = zoneinfo.ZoneInfo(site.time_zone)
        self.today = today
        self.now = timezone.now()

    def at(self, days_ago: int, hour: int, minute: int = 0) -> datetime.datetime:
        # A day before today, so the moment is past whenever the demo is seeded.
        if days_ago < 1:
            raise ValueError("a demo moment of today may be after the seeding: use ago()")
        day = self.today - datetime.timedelta(days=days_ago)
        return datetime.datetime.combine(day, datetime.time(hour, minute), self.zone)

    def ago(self, hours: float) -> datetime.datetime:
        return self.now - datetime.timedelta(hours=hours)

    def when(self, moment: tuple[int, int, int] | float) -> datetime.datetime:
        """(days ago, hour, minute) at the site, or hours before now."""
        return self.ago(moment) if isinstance(moment, float) else self.at(*moment)


@dataclass(frozen=True)
class Story:
    """One demo ticket: who raised it (a demo login) and when (days ago, hour, minute; or hours
    ago as a float), what it says, and its moves, each (move, by, when, comment)."""

    by: str
    raised: tuple[int, int, int] | float
    category: str
    priority: str
    title: str
    description: str
    moves: tuple = ()
    also: dict = field(default_factory=dict)  # further values for ticket_raise


def _worked(ack, start=None, resolve=None, how=""):
    """The assignee's moves: acknowledged, then started and resolved when given."""
    moves = [("acknowledge", "staff", ack, "")]
    if start:
        moves.append(("start", "staff", start, ""))
    if resolve:
        moves.append(("resolve", "staff", resolve, how))
    return tuple(moves)


STORIES = [
    # new: raised an hour ago, not answered yet.
    Story(
        "client",
        1.0,
        Category.FAULT,
        Priority.NORMAL,
        "三楼会议室投影仪无画面",
        "投影仪通电正常，但电脑接入后无信号，下午两点有会议。",
    ),
    # acknowledged: a data request, answered the same afternoon.
    Story(
        "client",
        (1, 16, 20),
        Category.DATA_REQUEST,
        Priority.LOW,
        "提供十一月政务外网流量统计",
        "请按周汇总出口流量峰值与均值，用于月度通报。",
        _worked((1, 16, 45)),
    ),
    # in_progress: a change, planned for tonight's window.
    Story(
        "client",
        (1, 10, 0),
        Category.CHANGE,
        Priority.NORMAL,
        "新增两个业务系统的防火墙访问策略",
        "不动产登记系统与公积金系统需互访 443 端口，附申请单。",
        _worked((1, 10, 40), (1, 14, 0)),
    ),
    # in_progress and breached: a high-priority fault nowhere near resolved after its 24 hours,
    # with the assignee's internal note on why.
    Story(
        "client",
        (3, 9, 15),
        Category.FAULT,
        Priority.HIGH,
        "档案室两台电脑无法访问内网",
        "两台电脑均显示网络受限，重启无效。",
        (
            *_worked((3, 9, 40), (3, 10, 0)),
            (
                "note",
                "staff",
                (3, 11, 0),
                "接入交换机端口模块损坏，备件已向厂商申请，预计明天到货。",
            ),
        ),
    ),
    # resolved, waiting for the client: staff wrote it down from the client's phone call.
    Story(
        "staff",
        (2, 10, 5),
        Category.GENERAL,
        Priority.NORMAL,
        "财务科打印机卡纸报错",
        "客户来电：财务科 HP 打印机反复提示卡纸。",
        _worked(
            (2, 10, 20), (2, 10, 30), (1, 11, 0), "清理进纸辊并更换搓纸轮，连续打印 50 页无异常。"
        ),
        {"channel": Channel.PHONE, "raised_for": "client"},
    ),
    # reopened: resolved, but the client says it is still wrong.
    Story(
        "client",
        (4, 14, 30),
        Category.GENERAL,
        Priority.LOW,
        "邮件客户端频繁掉线",
        "Outlook 每隔半小时提示断开连接。",
        (
            *_worked((4, 15, 0), (3, 9, 0), (3, 11, 30), "重建邮件配置文件并更新客户端。"),
            ("reopen", "client", (2, 11, 0), "今天上午又掉线两次，问题仍然存在。"),
        ),
    ),
    # closed and rated 5.
    Story(
        "client",
        (10, 8, 50),
        Category.FAULT,
        Priority.NORMAL,
        "政务大厅叫号系统无法出票",
        "一号取号机屏幕卡住，群众排队。",
        (
            *_worked(
                (10, 9, 0), (10, 9, 5), (10, 10, 30), "取号机主板死机，重启并升级固件后恢复出票。"
            ),
            ("confirm", "client", (10, 15, 0), ""),
            ("rate 5", "client", (10, 15, 1), "响应很快，处理及时。"),
        ),
    ),
    # A complaint, handled, confirmed and rated lower.
    Story(
        "client",
        (6, 9, 30),
        Category.GENERAL,
        Priority.HIGH,
        "投诉：约定的巡检未按时到场",
        "约定上午九点到机房配合检查，十点仍无人到场。",
        (
            *_worked(
                (6, 9, 45),
                (6, 10, 0),
                (6, 16, 0),
                "已向客户致歉，调整值班安排，此后提前一天确认到场时间。",
            ),
            ("confirm", "client", (5, 9, 0), ""),
            ("rate 3", "client", (5, 9, 1), ""),
        ),
        {"complaint": True},
    ),
    # closed: a walk-up request the supervisor wrote down.
    Story(
        "supervisor",
        (8, 15, 10),
        Category.DATA_REQUEST,
        Priority.NORMAL,
        "导出上月门禁刷卡记录",
        "客户到现场提出，用于安全检查。",
        (
            *_worked((8, 15, 30), (8, 15, 40), (7, 10, 0), "已导出并通过内网邮箱发送。"),
            ("confirm", "client", (7, 14, 0), ""),
        ),
        {"channel": Channel.WALK_UP, "raised_for_name": "办公室刘主任"},
    ),
]


def _demo_tickets(world: DemoWorld) -> None:
    site = world.sites[0]
    # The staff login's own person answers the demo site's tickets.
    SiteDesk.objects.update_or_create(site=site, defaults={"default_assignee": world.people[0]})
    t = _Clock(site, world.today)
    for story in STORIES:
        _tell(story, site=site, users=world.users, t=t)
    _second_site(world, t)


def _tell(story: Story, *, site, users, t: _Clock) -> Ticket:
    """Raise the story's ticket and make its moves, each through its service at its time."""
    also = dict(story.also)
    if "raised_for" in also:
        also["raised_for"] = users[also["raised_for"]]
    ticket = services.ticket_raise(
        site=site,
        by=users[story.by],
        category=story.category,
        priority=story.priority,
        title=story.title,
        description=story.description,
        now=t.when(story.raised),
        **also,
    )
    for move, by, when, comment in story.moves:
        by, when = users[by], t.when(when)
        if move == "note":
            note = services.ticket_comment(ticket=ticket, by=by, body=comment, internal=True)
            # The comment service writes the moment it is called; the note was written then.
            TicketComment.objects.filter(pk=note.pk).update(created_at=when)
        elif move.startswith("rate "):
            rating = int(move.removeprefix("rate "))
            ticket = services.ticket_rate(
                ticket=ticket, by=by, rating=rating, comment=comment, now=when
            )
        else:
            ticket = MOVES[move](ticket=ticket, by=by, comment=comment, now=when)
    return ticket


MOVES = {
    "acknowledge": services.ticket_acknowledge,
    "start": services.ticket_start,
    "resolve": services.ticket_resolve,
    "confirm": services.ticket_confirm,
    "reopen": services.ticket_reopen,
}


def _second_site(world: DemoWorld, t: _Clock) -> None:
    """A ticket HR wrote down three hours ago for the client of the second site and gave to someone
    there, who has not answered yet."""
    site = world.sites[1]
    hr = world.users["hr"]
    placed = next(a.staff for a in world.assignments if a.site_id == site.pk)
    ticket = services.ticket_raise(
        site=site,
        by=hr,
        category=Category.FAULT,
        priority=Priority.NORMAL,
        title="自助服务终端身份证读卡失败",
        description="客户来电：二楼 3 号自助终端无法读取身份证。",
        channel=Channel.PHONE,
        raised_for_name="政务服务中心陈科长",
        now=t.ago(3),
    )
    services.ticket_assign(ticket=ticket, staff=placed, by=hr, now=t.ago(2.9))


def _demo_inspections(world: DemoWorld) -> None:
    """The demo site's checklist and a round every day of the last week, by the staff login's own
    person; one item failed two days ago and opened a fault ticket, now being worked on."""
    site = world.sites[0]
    staff = world.users["staff"]
    t = _Clock(site, world.today)
    items = [
        checklist_item_add(site=site, by=world.users["supervisor"], system=system, item=item)
        for system, item in CHECKLIST
    ]
    for days_ago in range(INSPECTION_DAYS, 0, -1):
        failed = days_ago == FAILED_DAYS_AGO
        inspection = inspection_record(
            site=site,
            by=staff,
            checks=[
                Check(item, ok=False, note=FAILED_NOTE)
                if failed and n == FAILED_ITEM
                else Check(item, ok=True)
                for n, item in enumerate(items)
            ],
            now=t.at(days_ago, 9, 10),
        )
        if not failed:
            continue
        # The round opened the fault ticket; the inspector takes it on at once.
        ticket = Ticket.objects.get(inspection_result__inspection=inspection)
        ticket = services.ticket_acknowledge(ticket=ticket, by=staff, now=t.at(days_ago, 9, 30))
        services.ticket_start(
            ticket=ticket,
            by=staff,
            comment="已联系 UPS 厂商上门检测电池组。",
            now=t.at(days_ago, 10, 0),
        )


def work_plans(world: DemoWorld) -> None:
    """Two work plans of the staff login's own person at the demo site, made by the plan
    services: one approved a month ago with a step done, one overdue and one upcoming; one
    submitted two hours ago, waiting for the supervisor in the approvals inbox."""
    from tickets.services import plans

    site, staff, lead = world.sites[0], world.users["staff"], world.users["supervisor"]
    t, day = _Clock(site, world.today), world.today
    others = [a.staff for a in world.assignments if a.site_id == site.pk][1:]
    colleague = others[0] if others else world.people[0]
    month_ago = day - datetime.timedelta(days=30)
    plan = plans.plan_create(
        site=site,
        by=staff,
        title="机房 UPS 电池更换计划",
        goals="更换老化的 2 号电池组，全程不断电。",
    )
    for title, who, due in (
        ("联系厂商检测电池组并报价", world.people[0], day - datetime.timedelta(days=12)),
        ("制定不断电切换方案并报客户审批", colleague, day - datetime.timedelta(days=3)),
        ("实施更换并做放电测试", world.people[0], day + datetime.timedelta(days=7)),
    ):
        plans.step_add(
            plan=plan, by=staff, title=title, responsible=who, due_on=due, today=month_ago
        )
    # Written the day before it was submitted (the service writes the moment it is called).
    WorkPlan.objects.filter(pk=plan.pk).update(created_at=t.at(31, 10))
    plans.plan_submit(plan=plan, by=staff, now=t.at(30, 17))
    plans.plan_approve(plan=plan, by=lead, note="同意，注意提前通知客户。", now=t.at(29, 9))
    first = plan.steps.order_by("order").first()
    plans.step_mark(step=first, by=staff, today=day - datetime.timedelta(days=13))
    waiting = plans.plan_create(
        site=site, by=staff, title="下季度巡检优化计划", goals="缩短日常巡检时间，补齐巡检照片。"
    )
    plans.step_add(
        plan=waiting,
        by=staff,
        title="整理巡检表，合并重复项目",
        responsible=world.people[0],
        due_on=day + datetime.timedelta(days=14),
    )
    plans.plan_submit(plan=waiting, by=staff, now=t.ago(2))

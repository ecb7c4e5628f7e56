"""Factories of the tickets app: site desks, service tickets with their thread and attachments,
checklists, daily inspections and their results, deep inspection reports and their plans. A
ticket is raised at 10:00 on the reference Monday, with its due times four and twenty-four hours
on (the wall-clock defaults of a normal ticket)."""

import datetime

import factory
from django.core.files.base import ContentFile

from tests.dates import MONDAY, SUNDAY, at
from tests.factories.org import CompanyFactory, SiteFactory, StaffFactory, UserFactory
from tickets.models import (
    Category,
    ChecklistItem,
    DeepInspection,
    ImprovementAction,
    Inspection,
    InspectionResult,
    PlanStep,
    Priority,
    Report,
    ReportAttachment,
    ReportComment,
    SiteDesk,
    Ticket,
    TicketAttachment,
    TicketComment,
    WorkPlan,
)

__all__ = [
    "ChecklistItemFactory",
    "DeepInspectionFactory",
    "ImprovementActionFactory",
    "InspectionFactory",
    "InspectionResultFactory",
    "PlanStepFactory",
    "ReportAttachmentFactory",
    "ReportCommentFactory",
    "ReportFactory",
    "SiteDeskFactory",
    "TicketAttachmentFactory",
    "TicketCommentFactory",
    "TicketFactory",
    "WorkPlanFactory",
]

# The smallest file the upload check takes for a PNG: its signature.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class SiteDeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteDesk
        django_get_or_create = ("site",)

    site = factory.SubFactory(SiteFactory)


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    site = factory.SubFactory(SiteFactory)
    company = factory.SubFactory(CompanyFactory)
    number = factory.Sequence(lambda n: n + 1)
    category = Category.FAULT
    priority = Priority.NORMAL
    title = factory.Sequence(lambda n: f"打印机无法打印{n}")
    raised_by = factory.SubFactory(UserFactory)
    raised_at = at(MONDAY, "10:00")
    response_due = factory.LazyAttribute(lambda t: t.raised_at + datetime.timedelta(hours=4))
    resolution_due = factory.LazyAttribute(lambda t: t.raised_at + datetime.timedelta(hours=24))


class TicketCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketComment

    ticket = factory.SubFactory(TicketFactory)
    author = factory.SubFactory(UserFactory)
    body = "已到现场查看。"
    created_at = at(MONDAY, "10:30")


class TicketAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketAttachment

    ticket = factory.SubFactory(TicketFactory)
    file = factory.LazyFunction(lambda: ContentFile(PNG, name="故障.png"))
    name = "故障.png"
    size = len(PNG)
    uploaded_by = factory.SubFactory(UserFactory)


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    site = factory.SubFactory(SiteFactory)
    system = "机房环境"
    item = factory.Sequence(lambda n: f"温度湿度{n}")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    site = factory.SubFactory(SiteFactory)
    date = MONDAY
    inspector = factory.SubFactory(StaffFactory)
    recorded_at = at(MONDAY, "09:30")


class InspectionResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionResult

    inspection = factory.SubFactory(InspectionFactory)
    item = factory.SubFactory(ChecklistItemFactory, site=factory.SelfAttribute("..inspection.site"))
    ok = True


class DeepInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeepInspection

    site = factory.SubFactory(SiteFactory)
    half = "2026H2"
    findings = "UPS电池老化，需更换。"
    author = factory.SubFactory(UserFactory)


class ImprovementActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    report = factory.SubFactory(DeepInspectionFactory)
    action = "更换UPS电池"
    owner = factory.SubFactory(StaffFactory)
    due_on = datetime.date(2026, 12, 31)


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft of the reference week's weekly report, due the Monday after at 13:00."""

    class Meta:
        model = Report

    staff = factory.SubFactory(StaffFactory)
    site = factory.SubFactory(SiteFactory)
    period = "2026-W42"
    starts_on = MONDAY
    ends_on = SUNDAY
    due_at = at(SUNDAY + datetime.timedelta(days=1), "13:00")
    work_done = "完成机房日常巡检。"


class ReportCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportComment

    report = factory.SubFactory(ReportFactory)
    author = factory.SubFactory(UserFactory)
    body = "请补充UPS检查情况。"


class ReportAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportAttachment

    report = factory.SubFactory(ReportFactory)
    file = factory.LazyFunction(lambda: ContentFile(PNG, name="现场.png"))
    name = "现场.png"
    size = len(PNG)
    uploaded_by = factory.SubFactory(UserFactory)


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    site = factory.SubFactory(SiteFactory)
    author = factory.SubFactory(StaffFactory)
    title = "机房搬迁计划"
    goals = "三周内完成搬迁，业务不中断。"


class PlanStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(WorkPlanFactory)
    title = "打包设备并编号"
    responsible = factory.SubFactory(StaffFactory)
    due_on = datetime.date(2026, 10, 16)

"""Factories of the tickets app: site desks, service tickets with their thread and attachments,
checklists, daily inspections and their results, deep inspection reports and their plans. A
ticket is raised at 10:00 on the reference Monday, with its due times four and twenty-four hours
on (the wall-clock defaults of a normal ticket)."""

import datetime

import factory
from django.core.files.base import ContentFile

from tests.dates import MONDAY, at
from tests.factories.org import CompanyFactory, SiteFactory, StaffFactory, UserFactory
from tickets.models import (
    Category,
    ChecklistItem,
    DeepInspection,
    ImprovementAction,
    Inspection,
    InspectionResult,
    Priority,
    SiteDesk,
    Ticket,
    TicketAttachment,
    TicketComment,
)

__all__ = [
    "ChecklistItemFactory",
    "DeepInspectionFactory",
    "ImprovementActionFactory",
    "InspectionFactory",
    "InspectionResultFactory",
    "SiteDeskFactory",
    "TicketAttachmentFactory",
    "TicketCommentFactory",
    "TicketFactory",
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

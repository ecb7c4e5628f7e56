"""Factories of the organisation: logins, companies, departments, clients, sites, contracts,
positions, staff and their placements. A factory makes a valid record with nothing given; the
dates are those of tests/dates.py."""

import datetime

import factory
from django.contrib.auth import get_user_model

from onsite.demo import id_number
from onsite.org.models import (
    Assignment,
    Client,
    Company,
    Contract,
    Department,
    Position,
    Site,
    Staff,
    StaffStatus,
)
from tests.dates import PLACED_SINCE

__all__ = [
    "PASSWORD",
    "AssignmentFactory",
    "ClientFactory",
    "CompanyFactory",
    "ContractFactory",
    "DepartmentFactory",
    "PositionFactory",
    "SiteFactory",
    "StaffFactory",
    "UserFactory",
]

PASSWORD = "test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"外包公司{n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"部门{n}")


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"客户{n}")


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    client = factory.SubFactory(ClientFactory)
    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"驻场地点{n}")
    schedule = "08:30-12:00,14:00-17:30"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"C{n:04d}")
    company = factory.SubFactory(CompanyFactory)
    client = factory.SubFactory(ClientFactory)
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2027, 12, 31)
    headcount = 10

    @factory.post_generation
    def sites(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sites.set(extracted)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"岗位{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    company = factory.SubFactory(CompanyFactory)
    staff_no = factory.Sequence(lambda n: f"N{n:05d}")
    name = factory.Sequence(lambda n: f"员工{n}")
    gender = "male"
    birth_date = datetime.date(1991, 5, 12)
    id_number = factory.Sequence(lambda n: id_number("110101", datetime.date(1991, 5, 12), n))
    status = StaffStatus.ON_SITE


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    staff = factory.SubFactory(StaffFactory)
    site = factory.SubFactory(SiteFactory)
    contract = factory.SubFactory(ContractFactory, company=factory.SelfAttribute("..staff.company"))
    position = factory.SubFactory(PositionFactory, company=factory.SelfAttribute("..staff.company"))
    start = PLACED_SINCE

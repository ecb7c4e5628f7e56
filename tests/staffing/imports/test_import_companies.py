from django.utils.translation import gettext as _

from onsite.org.models import Company
from tests import factories
from tests.files import csv_file, errors_of, run


def test_a_superuser_adds_companies_once(world):
    root = factories.UserFactory(username="root", is_superuser=True)
    rows = [["name"], ["新外包"], ["恒信技术服务"]]
    first = run("companies", csv_file(rows), user=root)
    assert (first.new, first.skipped, first.errors) == (1, 1, [])
    second = run("companies", csv_file(rows), user=root)
    assert (second.new, second.skipped) == (0, 2)
    assert Company.objects.filter(name="新外包").count() == 1


def test_an_hr_admin_cannot_add_a_company(world):
    report = run("companies", csv_file([["名称"], ["新外包"]]), user=world.hr)
    assert errors_of(report) == [(2, "名称", _("Only a superuser can add a dispatch company."))]
    assert not Company.objects.filter(name="新外包").exists()


def test_the_command_line_without_a_user_is_not_restricted(db):
    report = run("companies", csv_file([["名称"], ["新外包"]]), user=None)
    assert (report.new, report.errors) == (1, [])

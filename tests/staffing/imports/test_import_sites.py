from django.utils.translation import gettext as _

from onsite.models import PolicySetting
from onsite.org.models import Client, Site
from tests import factories
from tests.files import csv_file, run

HEADER = ["编码", "名称", "客户单位", "地址", "作息时间", "迟到宽限分钟"]


def test_sites_import_creates_the_client_stores_the_schedule_canonical_and_the_grace(world):
    rows = [HEADER, ["C1", "丙机房", "新客户", "滨江路 1 号", "8:30 - 12:00，14:00-17:30", "10"]]
    report = run("sites", csv_file(rows), user=world.hr)
    assert (report.new, report.errors) == (1, [])
    site = Site.objects.get(code="C1")
    assert site.client == Client.objects.get(name="新客户")
    assert site.schedule == "08:30-12:00,14:00-17:30"
    assert PolicySetting.objects.get(site=site, key="late_grace_minutes").value == 10


def test_the_same_sites_file_twice_changes_nothing(world):
    rows = [
        HEADER,
        ["C1", "丙机房", "新客户", "", "08:30-17:30", "5"],
        ["A", "甲机房", "江南数据局", "", "08:30-12:00,14:00-17:30", ""],
    ]
    first = run("sites", csv_file(rows), user=world.hr)
    assert (first.new, first.skipped, first.errors) == (1, 1, [])
    second = run("sites", csv_file(rows), user=world.hr)
    assert (second.new, second.updated, second.skipped, second.errors) == (0, 0, 2, [])
    assert Client.objects.filter(name="新客户").count() == 1


def test_a_bad_schedule_and_grace_are_reported_in_their_columns(world):
    rows = [HEADER, ["C1", "丙机房", "江南数据局", "", "8点半到12点", "300"]]
    report = run("sites", csv_file(rows), user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "作息时间"), (2, "迟到宽限分钟")]
    assert not Site.objects.filter(code="C1").exists()


def test_hr_admin_cannot_change_a_site_outside_their_companies_contracts(world):
    site = factories.SiteFactory(code="Z", name="别家机房")
    factories.ContractFactory(sites=[site])
    report = run(
        "sites", csv_file([HEADER, ["Z", "改名", "江南数据局", "", "", ""]]), user=world.hr
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "编码")]
    assert Site.objects.get(code="Z").name == "别家机房"


def test_an_invalid_row_does_not_leave_its_new_client_behind_when_skipping(world):
    rows = [
        HEADER,
        ["C1", "丙机房", "新客户", "", "bad", ""],
        ["C2", "丁机房", "江南数据局", "", "", ""],
    ]
    report = run("sites", csv_file(rows), user=world.hr, skip_invalid=True)
    assert (report.new, report.invalid) == (1, 1)
    assert not Client.objects.filter(name="新客户").exists()
    assert report.errors[0].message == _(
        "“%(part)s” is not a work period; write a period like 08:30-12:00."
    ) % {"part": "bad"}

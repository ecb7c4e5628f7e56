import datetime

from onsite.org.models import Contract
from tests import factories
from tests.files import csv_file, errors_of, run

HEADER = ["合同编号", "外包公司", "客户单位", "开始日期", "结束日期", "人数定额", "驻场地点"]


def test_contracts_import_sets_company_client_period_quota_and_sites(world):
    rows = [HEADER, ["HT-1", "恒信技术服务", "江南数据局", "2026/1/1", "2026-12-31", "3", "A;B"]]
    report = run("contracts", csv_file(rows), user=world.hr)
    assert (report.new, report.errors) == (1, [])
    contract = Contract.objects.get(code="HT-1")
    assert contract.company == world.company
    assert (contract.start, contract.end, contract.headcount) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
        3,
    )
    assert set(contract.sites.values_list("code", flat=True)) == {"A", "B"}
    again = run("contracts", csv_file(rows), user=world.hr)
    assert (again.new, again.updated, again.skipped) == (0, 0, 1)


def test_changing_the_sites_of_a_contract_updates_it(world):
    rows = [HEADER, ["HT-1", "恒信技术服务", "江南数据局", "2026-01-01", "2026-12-31", "3", "A"]]
    run("contracts", csv_file(rows), user=world.hr)
    rows[1][6] = "A;B"
    report = run("contracts", csv_file(rows), user=world.hr)
    assert (report.updated, report.errors) == (1, [])
    assert Contract.objects.get(code="HT-1").sites.count() == 2


def test_an_unknown_site_code_is_named_in_the_error(world):
    rows = [
        HEADER,
        ["HT-1", "恒信技术服务", "江南数据局", "2026-01-01", "2026-12-31", "3", "A;NOPE;B"],
    ]
    report = run("contracts", csv_file(rows), user=world.hr)
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "驻场地点")
    assert "NOPE" in message
    assert not Contract.objects.filter(code="HT-1").exists()


def test_unknown_company_and_client_are_errors(world):
    root = factories.UserFactory(username="root", is_superuser=True)
    rows = [HEADER, ["HT-1", "无此公司", "无此客户", "2026-01-01", "2026-12-31", "3", ""]]
    report = run("contracts", csv_file(rows), user=root)
    assert [(e.row, e.column) for e in report.errors] == [(2, "外包公司"), (2, "客户单位")]


def test_the_quota_cannot_drop_below_the_people_placed(world):
    contract = world.person_a.assignments.get().contract
    rows = [
        HEADER,
        [contract.code, "恒信技术服务", "江南数据局", "2026-01-01", "2027-12-31", "1", "A;B"],
    ]
    report = run("contracts", csv_file(rows), user=world.hr)
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "人数定额")
    assert "2" in message


def test_a_contract_of_another_company_is_refused_for_an_hr_admin(world):
    other = factories.ContractFactory(code="OTHER-1")
    rows = [HEADER, ["OTHER-1", "恒信技术服务", "江南数据局", "2026-01-01", "2026-12-31", "3", ""]]
    report = run("contracts", csv_file(rows), user=world.hr)
    assert [(e.row, e.column) for e in report.errors] == [(2, "合同编号")]
    other.refresh_from_db()
    assert other.company != world.company


def test_a_site_of_another_client_is_refused(world):
    factories.SiteFactory(code="OTHER", client=factories.ClientFactory(name="别的客户"))
    rows = [
        HEADER,
        ["HT-1", "恒信技术服务", "江南数据局", "2026-01-01", "2026-12-31", "3", "A;OTHER"],
    ]
    report = run("contracts", csv_file(rows), user=world.hr)
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "驻场地点")
    assert "OTHER" in message and "别的客户" in message

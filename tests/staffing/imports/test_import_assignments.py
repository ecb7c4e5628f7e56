from django.utils.translation import gettext as _

from onsite.org.models import Assignment, StaffStatus
from tests import factories
from tests.dates import IMPORT_DAY
from tests.files import csv_file, errors_of

HEADER = ["工号", "驻场地点编码", "合同编号", "开始日期", "结束日期", "备用人员"]


def qualified_person(world, staff_no: str, **kwargs):
    person = factories.StaffFactory(
        company=world.company,
        staff_no=staff_no,
        status=StaffStatus.QUALIFIED,
        position=factories.PositionFactory(company=world.company),
        **kwargs,
    )
    factories.passed_checks(person)
    return person


def contract_of(world):
    return world.person_a.assignments.get().contract


def place(world, rows, **kwargs):
    from staffing.imports.services import import_file

    return import_file(
        kind="assignments",
        file=csv_file([HEADER, *rows]),
        user=world.hr,
        dry_run=kwargs.get("dry_run", False),
        skip_invalid=kwargs.get("skip_invalid", False),
        today=IMPORT_DAY,
    )


def test_an_assignment_row_places_the_person_through_the_rules(world):
    person = qualified_person(world, "Q1")
    report = place(world, [["Q1", "A", contract_of(world).code, "2026-03-01", "", "否"]])
    assert (report.new, report.errors) == (1, [])
    placed = Assignment.objects.get(staff=person)
    assert (placed.site, placed.end, placed.backup, placed.position) == (
        world.site_a,
        None,
        False,
        person.position,
    )
    person.refresh_from_db()
    assert person.status == StaffStatus.ON_SITE


def test_the_same_assignments_file_twice_changes_nothing(world):
    qualified_person(world, "Q1")
    rows = [["Q1", "A", contract_of(world).code, "2026-03-01", "2026-06-30", "是"]]
    assert place(world, rows).new == 1
    again = place(world, rows)
    assert (again.new, again.skipped, again.errors) == (0, 1, [])
    assert Assignment.objects.filter(staff__staff_no="Q1").count() == 1


def test_a_full_contract_refuses_the_row_under_the_contract_column(world):
    contract = contract_of(world)
    contract.headcount = 2
    contract.save()
    qualified_person(world, "Q1")
    report = place(world, [["Q1", "A", contract.code, "2026-03-01", "", ""]])
    [(row, column, message)] = errors_of(report)
    assert (row, column) == (2, "合同编号")
    assert str(contract.headcount) in message
    assert not Assignment.objects.filter(staff__staff_no="Q1").exists()


def test_a_quota_reached_within_the_file_refuses_the_later_row(world):
    contract = contract_of(world)
    contract.headcount = 3
    contract.save()
    for n in (1, 2):
        qualified_person(world, f"Q{n}")
    rows = [
        ["Q1", "A", contract.code, "2026-03-01", "", ""],
        ["Q2", "B", contract.code, "2026-03-01", "", ""],
    ]
    report = place(world, rows, skip_invalid=True)
    assert (report.new, report.invalid) == (1, 1)
    assert [(e.row, e.column) for e in report.errors] == [(3, "合同编号")]


def test_an_unqualified_person_is_refused_under_the_staff_number(world):
    factories.StaffFactory(
        company=world.company,
        staff_no="N1",
        status=StaffStatus.CANDIDATE,
        position=factories.PositionFactory(company=world.company),
    )
    report = place(world, [["N1", "A", contract_of(world).code, "2026-03-01", "", ""]])
    assert {(e.row, e.column) for e in report.errors} == {(2, "工号")}
    assert len(report.errors) >= 2  # the status and the checks


def test_a_site_the_contract_does_not_cover_is_refused(world):
    qualified_person(world, "Q1")
    factories.SiteFactory(code="C", client=world.site_a.client)
    report = place(world, [["Q1", "C", contract_of(world).code, "2026-03-01", "", ""]])
    assert [(e.row, e.column) for e in report.errors] == [(2, "驻场地点编码")]


def test_unknown_staff_number_and_a_contract_of_another_company(world):
    other = factories.ContractFactory(code="OTHER-1", sites=[world.site_a])
    report = place(
        world,
        [
            ["NOBODY", "A", contract_of(world).code, "2026-03-01", "", ""],
            ["Q1", "A", other.code, "2026-03-01", "", ""],
        ],
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "工号"), (3, "合同编号")]
    assert report.errors[1].message == _(
        "Contract %(code)s is not a contract of your companies."
    ) % {"code": "OTHER-1"}


def test_an_existing_placement_with_another_end_date_is_not_changed(world):
    qualified_person(world, "Q1")
    code = contract_of(world).code
    place(world, [["Q1", "A", code, "2026-03-01", "", ""]])
    report = place(world, [["Q1", "A", code, "2026-03-01", "2026-05-31", ""]])
    assert [(e.row, e.column) for e in report.errors] == [(2, "结束日期")]
    assert Assignment.objects.get(staff__staff_no="Q1").end is None

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onsite.org.models import Assignment, Staff, StaffStatus
from staffing.models import CheckStatus, Condition
from tests import factories

PDF = b"%PDF-1.7\n1 0 obj\n"


def new_staff_data(world, **overrides):
    data = {
        "company": world.company.pk,
        "staff_no": "HX9001",
        "name": "赵六",
        "gender": "female",
        "birth_date": "1990-03-07",
        "nationality": "中国",
        "id_number": "110101199003071233",
        "phone": "138 1234 5678",
        "email": "",
        "education": "本科",
        "employment_start": "",
        "department": "",
        "position": "",
        "monthly_salary": "",
    }
    # 张三 has that ID number in this company already; use another valid one by default.
    data["id_number"] = "11010519491231002X"
    data["birth_date"] = "1949-12-31"
    data.update(overrides)
    return data


def test_hr_adds_a_candidate_with_six_pending_checks(client, world):
    client.force_login(world.hr)
    response = client.post(reverse("staffing:staff_new"), new_staff_data(world))
    person = Staff.objects.get(staff_no="HX9001")
    assert response["Location"] == reverse("staffing:staff_detail", args=[person.pk])
    assert person.status == StaffStatus.CANDIDATE
    assert person.phone == "13812345678"
    assert person.checks.filter(status=CheckStatus.PENDING).count() == 6
    assert person.history.latest().history_user == world.hr


def test_a_wrong_check_digit_is_explained_and_nothing_is_saved(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:staff_new"), new_staff_data(world, id_number="110105194912310021")
    )
    assert response.status_code == 200
    assert "校验码（最后一位）应为 X，而不是 1" in response.content.decode()
    assert not Staff.objects.filter(staff_no="HX9001").exists()


def test_a_birth_date_that_disagrees_with_the_id_number_is_refused(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:staff_new"), new_staff_data(world, birth_date="1950-01-01")
    )
    assert (
        "身份证号中的出生日期为 1949-12-31，但填写的出生日期为 1950-01-01"
        in response.content.decode()
    )


def test_hr_cannot_create_staff_in_another_company(client, world):
    other = factories.CompanyFactory()
    client.force_login(world.hr)
    response = client.post(reverse("staffing:staff_new"), new_staff_data(world, company=other.pk))
    assert response.status_code == 200
    assert not Staff.objects.filter(staff_no="HX9001").exists()


def test_a_refused_status_change_says_why(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:staff_status", args=[world.person_a.pk]),
        {"to": "candidate", "reason": "测试"},
        follow=True,
    )
    assert "请选择新状态并填写原因" in response.content.decode()
    response = client.post(
        reverse("staffing:staff_status", args=[world.person_a.pk]),
        {"to": "leaving", "reason": "合同到期"},
        follow=True,
    )
    assert "状态已改为“离场中”" in response.content.decode()


def test_recording_a_check_with_evidence_and_downloading_it(client, world):
    check = world.person_a.checks.create(condition=Condition.NO_CRIMINAL_RECORD)
    client.force_login(world.hr)
    client.post(
        reverse("staffing:check_record", args=[check.pk]),
        {"status": "passed", "note": "派出所证明", "evidence": SimpleUploadedFile("证明.pdf", PDF)},
    )
    check.refresh_from_db()
    assert check.status == CheckStatus.PASSED
    assert check.verified_by == world.hr
    download = client.get(reverse("staffing:check_evidence", args=[check.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


def test_an_evidence_file_of_the_wrong_type_is_refused_and_nothing_changes(client, world):
    check = world.person_a.checks.create(condition=Condition.NO_CRIMINAL_RECORD)
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:check_record", args=[check.pk]),
        {"status": "passed", "evidence": SimpleUploadedFile("证明.exe", b"MZ\x90")},
        follow=True,
    )
    assert "不接受" in response.content.decode()
    check.refresh_from_db()
    assert check.status == CheckStatus.PENDING
    assert not check.evidence


def test_assigning_someone_not_qualified_lists_the_missing_checks(client, world):
    person = factories.StaffFactory(
        company=world.company,
        status="qualified",
        position=world.person_a.assignments.get().position,
    )
    client.force_login(world.hr)
    contract = world.site_a.contracts.get()
    response = client.post(
        reverse("staffing:assignment_new", args=[person.pk]),
        {"site": world.site_a.pk, "contract": contract.pk, "start": "2026-12-01"},
    )
    text = response.content.decode()
    assert "以下资格审查未通过" in text
    assert "非失信联合惩戒对象" in text
    assert not Assignment.objects.filter(staff=person).exists()
    factories.passed_checks(person)
    response = client.post(
        reverse("staffing:assignment_new", args=[person.pk]),
        {"site": world.site_a.pk, "contract": contract.pk, "start": "2026-12-01"},
    )
    assert response.status_code == 302
    assert Assignment.objects.get(staff=person).start == datetime.date(2026, 12, 1)


def test_a_site_ban_entered_on_the_page_ends_the_placement(client, world):
    client.force_login(world.hr)
    client.post(
        reverse("staffing:record_add", args=[world.person_a.pk]),
        {
            "kind": "site_ban",
            "date": "2026-11-20",
            "reason": "违反保密规定",
            "site": world.site_a.pk,
            "decided_by": "客户单位",
        },
    )
    assert world.person_a.assignments.get().end == datetime.date(2026, 11, 20)


def test_a_fine_without_an_amount_is_refused(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:record_add", args=[world.person_a.pk]),
        {"kind": "fine", "date": "2026-11-20", "reason": "迟到", "decided_by": "人事"},
        follow=True,
    )
    assert "奖金或罚款须填写金额" in response.content.decode()
    assert not world.person_a.records.exists()


def test_site_schedule_is_checked_and_stored_in_canonical_form(client, world):
    client.force_login(world.hr)
    url = reverse("staffing:site_edit", args=[world.site_a.pk])
    data = {"name": "甲机房", "address": "", "time_zone": "Asia/Shanghai"}
    response = client.post(url, {**data, "schedule": "08:30-12:00，11:00-17:30"})
    assert "重叠" in response.content.decode()
    client.post(url, {**data, "schedule": "8:30-12:00， 14:00-17:30"})
    world.site_a.refresh_from_db()
    assert world.site_a.schedule == "08:30-12:00,14:00-17:30"


def test_staff_detail_query_count_does_not_grow_with_checks_and_records(
    client, world, django_assert_num_queries
):
    client.force_login(world.hr)
    url = reverse("staffing:staff_detail", args=[world.person_a.pk])
    with django_assert_num_queries(11):
        client.get(url)
    factories.passed_checks(world.person_a)
    for day in range(1, 6):
        world.person_a.records.create(
            kind="commendation",
            date=datetime.date(2026, 11, day),
            reason="表现突出",
            decided_by="客户单位",
            recorded_by=world.hr,
        )
    with django_assert_num_queries(11):
        client.get(url)

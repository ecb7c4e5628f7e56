"""The pages of one's own record (STYLE habit 15): 赵敏, an HR admin who is also staff at site A,
reads her record in full and corrects her contact details, but her pay, start date and place
are not hers to set and no decision on herself is offered; 钱军, a supervisor of site A, is not
offered to enter his own punches."""

from decimal import Decimal

import pytest
from django.urls import reverse

from onsite.org.models import Staff


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def edit_form(her: Staff, **changes) -> dict:
    data = {
        "company": her.company_id,
        "staff_no": her.staff_no,
        "name": her.name,
        "gender": her.gender,
        "birth_date": her.birth_date.isoformat(),
        "nationality": her.nationality,
        "id_number": her.id_number,
        "phone": "",
        "email": "",
        "education": "",
        "employment_start": "",
        "department": "",
        "position": "",
        "monthly_salary": "11800",
    }
    data.update(changes)
    return data


def test_her_own_pay_is_shown_but_not_editable(english, two_roles):
    english.force_login(two_roles.hr_staff)
    page = english.get(reverse("staffing:staff_edit", args=[two_roles.hr_person.pk]))
    form = page.context["form"]
    assert form.fields["monthly_salary"].disabled
    assert form.fields["employment_start"].disabled
    assert not form.fields["phone"].disabled
    assert "Set by another HR admin." in page.content.decode()


def test_a_salary_she_posts_for_herself_is_not_saved_but_her_phone_is(english, two_roles):
    her = two_roles.hr_person
    english.force_login(two_roles.hr_staff)
    response = english.post(
        reverse("staffing:staff_edit", args=[her.pk]),
        edit_form(her, monthly_salary="99999", phone="13800138000"),
    )
    assert response.status_code == 302
    her.refresh_from_db()
    assert her.monthly_salary == Decimal("11800")
    assert her.phone == "13800138000"


def test_another_hr_admin_edits_her_salary(english, two_roles):
    her = two_roles.hr_person
    english.force_login(two_roles.hr)
    english.post(
        reverse("staffing:staff_edit", args=[her.pk]), edit_form(her, monthly_salary="12500")
    )
    her.refresh_from_db()
    assert her.monthly_salary == Decimal("12500")


def test_her_own_record_offers_no_decision_on_herself(english, two_roles):
    english.force_login(two_roles.hr_staff)
    page = english.get(reverse("staffing:staff_detail", args=[two_roles.hr_person.pk]))
    html = page.content.decode()
    assert page.context["status_form"] is None
    assert page.context["record_form"] is None
    assert page.context["check_form"] is None
    assert reverse("staffing:assignment_new", args=[two_roles.hr_person.pk]) not in html
    assert reverse("staffing:staff_edit", args=[two_roles.hr_person.pk]) in html


def test_a_supervisor_is_not_offered_his_own_punches_or_absences(english, two_roles):
    english.force_login(two_roles.supervisor_staff)
    own = english.get(
        reverse("attendance:person_month", args=[two_roles.supervisor_person.pk, "2026-10"])
    )
    assert "Enter a punch" not in own.content.decode()
    other = english.get(reverse("attendance:person_month", args=[two_roles.person_a.pk, "2026-10"]))
    assert "Enter a punch" in other.content.decode()
    form = english.get(reverse("attendance:punch_add")).context["form"]
    offered = set(form.fields["staff"].queryset.values_list("name", flat=True))
    assert "钱军" not in offered
    assert {"张三", "赵敏"} <= offered


def test_acting_on_oneself_answers_403_with_the_reason(english, two_roles):
    english.force_login(two_roles.hr_staff)
    response = english.post(
        reverse("staffing:staff_status", args=[two_roles.hr_person.pk]),
        {"to": "suspended", "reason": "x"},
    )
    assert response.status_code == 403
    assert "You cannot act on your own record" in response.content.decode()

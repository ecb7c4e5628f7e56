"""Every form writes its dates in ISO whatever the language (the browser's date field shows
nothing else), and refuses dates, numbers and text outside their domain with a message."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.utils import timezone, translation

from staffing.forms import RecordForm, StaffForm
from tests.dates import TYPED_DATE, TYPED_DATETIME
from tests.test_fuzz import constructor_kwargs, form_classes

RENDERED = {
    forms.DateTimeField: ("datetime-local", "2026-07-24T08:30", TYPED_DATETIME),
    forms.DateField: ("date", "1986-07-24", TYPED_DATE),
    forms.TimeField: ("time", "08:30", TYPED_DATETIME.time()),
}


def _kind(field: forms.Field):
    return next((kind for kind in RENDERED if isinstance(field, kind)), None)


@pytest.mark.django_db
def test_every_date_and_time_field_of_every_form_renders_iso_in_chinese(world):
    seen = 0
    for cls in form_classes():
        dated = {name: _kind(f) for name, f in cls.base_fields.items() if _kind(f)}
        if not dated:
            continue
        initial = {name: RENDERED[kind][2] for name, kind in dated.items()}
        with translation.override("zh-hans"):
            form = cls(initial=initial, **constructor_kwargs(cls, world))
            for name, kind in dated.items():
                input_type, text, _value = RENDERED[kind]
                html = str(form[name])
                assert f'type="{input_type}"' in html, f"{cls.__name__}.{name}: {html}"
                assert f'value="{text}"' in html, f"{cls.__name__}.{name}: {html}"
                seen += 1
    assert seen >= 10


def staff_data(world, **changes) -> dict:
    person = world.person_a
    data = {
        "company": world.company.pk,
        "staff_no": person.staff_no,
        "name": person.name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
        "nationality": person.nationality,
        "id_number": person.id_number,
        "phone": "",
        "email": "",
        "education": "",
        "employment_start": "2020-03-01",
        "department": "",
        "position": "",
        "monthly_salary": "12500.00",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_staff_form_in_chinese_sends_back_the_dates_it_shows(world):
    world.person_a.employment_start = datetime.date(2020, 3, 1)
    world.person_a.save()
    with translation.override("zh-hans"):
        shown = StaffForm(instance=world.person_a, user=world.hr)
        values = {
            name: re.search(r'value="([^"]*)"', str(shown[name])).group(1)
            for name in ("birth_date", "employment_start")
        }
        assert values == {"birth_date": "1990-03-07", "employment_start": "2020-03-01"}
        sent = StaffForm(staff_data(world, **values), instance=world.person_a, user=world.hr)
        assert sent.is_valid(), sent.errors
    assert sent.cleaned_data["employment_start"] == datetime.date(2020, 3, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("tomorrow", "出生日期 {date} 是将来的日期。"),
        ("0001-01-01", "请输入 1900-01-01 至 2100-12-31 之间的日期。"),
        ("2015-01-01", "人员年龄应为 16 至 100 岁"),
    ],
)
def test_a_birth_date_in_the_future_long_ago_or_of_a_child_is_refused(world, birth_date, message):
    if birth_date == "tomorrow":
        birth_date = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    form = StaffForm(staff_data(world, birth_date=birth_date, id_number=""), user=world.hr)
    assert not form.is_valid()
    assert message.format(date=birth_date) in " ".join(form.errors["birth_date"])


@pytest.mark.django_db
@pytest.mark.parametrize("salary", ["-1", "-0.01", "1000000.01", "1e20"])
def test_a_negative_or_absurd_salary_is_refused(world, salary):
    form = StaffForm(staff_data(world, monthly_salary=salary), user=world.hr)
    assert not form.is_valid()
    assert form.errors["monthly_salary"]


@pytest.mark.django_db
def test_a_reason_of_five_megabytes_is_refused_with_its_length(world):
    data = {"kind": "warning", "date": "2026-03-02", "reason": "长" * 5_000_000, "decided_by": "x"}
    form = RecordForm(data, user=world.hr)
    assert not form.is_valid()
    assert "2000" in form.errors["reason"][0]


def test_the_database_refuses_a_negative_salary(world):
    from django.db import IntegrityError, transaction

    world.person_a.monthly_salary = Decimal("-1")
    with pytest.raises(IntegrityError, match="staff_salary_not_negative"), transaction.atomic():
        world.person_a.save()

import datetime

from django.urls import reverse
from django.utils import timezone

from staffing.models import ChangeKind, ChangeNotice
from staffing.services.notices import change_notice_file
from tests import factories
from tests.staffing.movement.conftest import page_text

NEW = reverse("staffing:change_notice_create")


def form_data(world, days, **extra):
    return {
        "site": world.site_a.pk,
        "kind": "replacement",
        "leaving": world.person_a.pk,
        "planned_on": (timezone.localdate() + datetime.timedelta(days=days)).isoformat(),
        "reason": "合同岗位调整",
        **extra,
    }


def test_hr_files_a_notice_and_lands_on_it(english, world):
    english.force_login(world.hr)
    response = english.post(NEW, form_data(world, 31), follow=True)
    notice = ChangeNotice.objects.get()
    assert response.redirect_chain == [
        (reverse("staffing:change_notice_detail", args=[notice.pk]), 302)
    ]
    assert "The change notice is filed." in page_text(response)


def test_a_short_notice_from_hr_is_refused_on_the_form(english, world):
    english.force_login(world.hr)
    response = english.post(NEW, form_data(world, 10))
    assert response.status_code == 200
    text = page_text(response)
    assert "A change of personnel needs 30 days' notice; this one gives 10." in text
    assert "Only a manager of 恒信技术服务 can override this, with a reason." in text
    assert 'name="override_reason"' not in text
    assert not ChangeNotice.objects.exists()


def test_a_manager_overrides_on_the_same_form(english, world):
    english.force_login(world.manager)
    assert 'name="override_reason"' in page_text(english.get(NEW))
    response = english.post(NEW, form_data(world, 10))
    assert "Give a reason for the override to file it anyway." in page_text(response)
    response = english.post(NEW, form_data(world, 10, override_reason="客户紧急要求"), follow=True)
    text = page_text(response)
    assert 'data-testid="override"' in text and "客户紧急要求" in text
    assert "10 days' notice (policy 30)" in text
    assert ChangeNotice.objects.get().overridden_by == world.manager


def test_the_form_names_a_missing_person(english, world):
    english.force_login(world.hr)
    response = english.post(NEW, form_data(world, 31, leaving=""))
    assert "Name who leaves, who comes, or both." in page_text(response)


def test_the_list_shows_the_notices_a_supervisor_may_see(english, world, supervisor_b):
    for site, person in ((world.site_a, world.person_a), (world.site_b, world.person_b)):
        change_notice_file(
            site=site,
            kind=ChangeKind.DEPARTURE,
            leaving=person,
            planned_on=timezone.localdate() + datetime.timedelta(days=40),
            reason="合同到期",
            by=world.hr,
        )
    english.force_login(world.supervisor_a)
    text = page_text(english.get(reverse("staffing:change_notice_list")))
    assert "甲机房" in text and "乙中心" not in text
    assert "New notice" not in text
    english.force_login(world.hr)
    text = page_text(english.get(reverse("staffing:change_notice_list")))
    assert "甲机房" in text and "乙中心" in text


def test_a_supervisor_may_read_but_not_file(client, world):
    client.force_login(world.supervisor_a)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data(world, 31)).status_code == 403


def test_a_notice_of_another_site_is_404_to_its_stranger(client, world, supervisor_b):
    notice = change_notice_file(
        site=world.site_a,
        kind=ChangeKind.DEPARTURE,
        leaving=world.person_a,
        planned_on=timezone.localdate() + datetime.timedelta(days=40),
        reason="合同到期",
        by=world.hr,
    )
    url = reverse("staffing:change_notice_detail", args=[notice.pk])
    for user in (supervisor_b, world.staff_a, world.outsider, factories.UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_a_department_manager_may_not_file(client, world):
    department = factories.DepartmentFactory(company=world.company)
    user = factories.UserFactory()
    factories.RoleGrantFactory(
        user=user, role="manager", company=world.company, department=department
    )
    client.force_login(user)
    assert client.get(NEW).status_code == 403

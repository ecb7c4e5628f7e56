from django.urls import reverse

from onsite.roles import Role
from tests import factories


def test_hr_admin_lists_only_their_company_staff(client, world):
    stranger = factories.StaffFactory(company=factories.CompanyFactory(), name="外人")
    client.force_login(world.hr)
    text = client.get(reverse("admin:org_staff_changelist")).content.decode()
    assert "张三" in text
    assert "外人" not in text
    change = reverse("admin:org_staff_change", args=[stranger.pk])
    assert client.get(change).status_code == 404


def test_hr_admin_can_only_pick_their_own_company_in_forms(client, world):
    other = factories.CompanyFactory(name="别家公司")
    client.force_login(world.hr)
    text = client.get(reverse("admin:org_department_add")).content.decode()
    assert world.company.name in text
    assert other.name not in text


def test_hr_admin_cannot_grant_a_role_in_another_company(client, world):
    other = factories.CompanyFactory(name="别家公司")
    client.force_login(world.hr)
    response = client.post(
        reverse("admin:onsite_rolegrant_add"),
        {"user": world.outsider.pk, "role": Role.HR_ADMIN, "company": other.pk},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not world.outsider.role_grants.exists()


def test_hr_admin_edit_is_recorded_in_history(client, world):
    department = factories.DepartmentFactory(company=world.company, name="运维部")
    client.force_login(world.hr)
    url = reverse("admin:org_department_change", args=[department.pk])
    response = client.post(url, {"company": world.company.pk, "name": "运维一部"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = department.history.latest()
    assert latest.history_user == world.hr
    assert latest.name == "运维一部"


def test_superuser_edit_of_a_staff_record_is_recorded_in_history(client, world):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    person = world.person_a
    url = reverse("admin:org_staff_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(phone="13811112222", birth_date="1990-03-07")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = person.history.latest()
    assert latest.history_user == root
    assert latest.phone == "13811112222"


def test_other_roles_are_sent_to_the_admin_login(client, world):
    for name in ("supervisor_a", "manager", "finance", "client_a", "staff_a", "outsider"):
        client.force_login(world.users[name])
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

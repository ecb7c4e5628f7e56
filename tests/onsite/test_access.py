from onsite.access import access_for, forget_access
from onsite.org.models import Site, Staff
from onsite.roles import Role
from tests import factories


def test_each_named_person_holds_only_their_own_role(world):
    expected = {
        "hr": (Role.HR_ADMIN,),
        "supervisor_a": (Role.SUPERVISOR,),
        "staff_a": (Role.STAFF,),
        "staff_b": (Role.STAFF,),
        "manager": (Role.MANAGER,),
        "finance": (Role.FINANCE,),
        "client_a": (Role.CLIENT_CONTACT,),
        "outsider": (),
    }
    for name, roles in expected.items():
        assert access_for(world.users[name]).roles == roles, name


def test_one_user_may_hold_several_roles(world):
    factories.RoleGrantFactory(user=world.supervisor_a, role=Role.FINANCE, company=world.company)
    forget_access(world.supervisor_a)
    assert access_for(world.supervisor_a).roles == (Role.SUPERVISOR, Role.FINANCE)


def test_staff_visible_to_each_role(world):
    a, b = world.person_a, world.person_b
    expected = {
        "hr": {a, b},
        "manager": {a, b},
        "supervisor_a": {a},
        "staff_a": {a},
        "staff_b": {b},
        "finance": set(),
        "client_a": set(),
        "outsider": set(),
    }
    for name, people in expected.items():
        assert set(Staff.objects.visible_to(world.users[name])) == people, name


def test_sites_visible_to_each_role(world):
    a, b = world.site_a, world.site_b
    expected = {
        "hr": {a, b},
        "manager": {a, b},
        "finance": {a, b},
        "supervisor_a": {a},
        "client_a": {a},
        "staff_a": {a},
        "staff_b": {b},
        "outsider": set(),
    }
    for name, sites in expected.items():
        assert set(Site.objects.visible_to(world.users[name])) == sites, name


def test_hr_admin_of_another_company_sees_none_of_this_company(world):
    other_hr = factories.UserFactory()
    factories.RoleGrantFactory(
        user=other_hr, role=Role.HR_ADMIN, company=factories.CompanyFactory()
    )
    assert not Staff.objects.visible_to(other_hr).exists()
    assert not Site.objects.visible_to(other_hr).exists()


def test_department_manager_sees_only_that_department(world):
    department = factories.DepartmentFactory(company=world.company)
    world.person_b.department = department
    world.person_b.save()
    head = factories.UserFactory()
    factories.RoleGrantFactory(
        user=head, role=Role.MANAGER, company=world.company, department=department
    )
    assert list(Staff.objects.visible_to(head)) == [world.person_b]
    assert list(Site.objects.visible_to(head)) == [world.site_b]


def test_superuser_sees_everything(world):
    root = factories.UserFactory(is_superuser=True)
    assert Staff.objects.visible_to(root).count() == 2

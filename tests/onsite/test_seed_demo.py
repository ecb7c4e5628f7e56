import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command

from onsite.access import access_for
from onsite.demo import DEMO_PASSWORD, id_number
from onsite.roles import Role
from staffing.models import Assignment, Site, Staff


def test_demo_builds_a_company_with_one_login_per_role(db, capsys):
    call_command("seed_demo")
    users = {u.username: u for u in get_user_model().objects.all()}
    expected = {
        "hr": Role.HR_ADMIN,
        "supervisor": Role.SUPERVISOR,
        "staff": Role.STAFF,
        "manager": Role.MANAGER,
        "finance": Role.FINANCE,
        "client": Role.CLIENT_CONTACT,
    }
    for username, role in expected.items():
        assert access_for(users[username]).roles == (role,)
        assert users[username].check_password(DEMO_PASSWORD)
    assert Staff.objects.count() == 30
    assert Site.objects.count() == 3
    assert Assignment.objects.active_today().count() == 28
    assert DEMO_PASSWORD in capsys.readouterr().out


def test_running_it_again_changes_nothing(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Staff.objects.count() == 30


def test_scale_option_builds_thousands_of_staff(db):
    call_command("seed_demo", staff=500, months=2)
    assert Staff.objects.count() == 500
    assert Site.objects.count() == 10


def test_demo_id_numbers_carry_a_valid_check_digit():
    # GB 11643: the published example 11010519491231002X.
    assert id_number("110105", datetime.date(1949, 12, 31), 2) == "11010519491231002X"

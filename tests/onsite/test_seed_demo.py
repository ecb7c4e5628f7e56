import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from attendance.models import Correction, Day, DayStatus, Punch
from onsite.access import access_for
from onsite.demo import COMPANY_NAME, DEMO_PASSWORD, GIVEN_NAMES, id_number
from onsite.org.models import Assignment, Company, Gender, Site, Staff
from onsite.org.schedule import Schedule
from onsite.org.validators import id_number_birth_date, id_number_check_digit
from onsite.roles import Role
from staffing.models import OnboardingItemKind


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


# --- the demo does not contradict itself ---------------------------------------------------------

# A placement older than this has finished its onboarding; only a newcomer may still have items.
SETTLED_AFTER_DAYS = 14


@pytest.fixture
def demo_company(db):
    call_command("seed_demo")
    return Company.objects.get(name=COMPANY_NAME)


def test_every_demo_id_number_matches_the_persons_birth_date_and_gender(demo_company):
    people = Staff.objects.filter(company=demo_company)
    assert people.exists()
    for person in people:
        number = person.id_number
        assert id_number_birth_date(number) == person.birth_date, person.name
        assert number[17] == id_number_check_digit(number[:17]), person.name
        # GB 11643: the 17th digit is odd for a man, even for a woman.
        expected = Gender.MALE if int(number[16]) % 2 else Gender.FEMALE
        assert person.gender == expected, (person.name, number)


def test_every_demo_persons_gender_fits_their_given_name(demo_company):
    for person in Staff.objects.filter(company=demo_company):
        assert person.name[1:] in GIVEN_NAMES[person.gender], (person.name, person.gender)
    assert Staff.objects.get(company=demo_company, name="王伟").gender == Gender.MALE


def test_every_demo_correction_asks_for_a_punch_really_missing_that_day(demo_company):
    corrections = list(Correction.objects.select_related("site"))
    assert corrections
    for correction in corrections:
        zone = zoneinfo.ZoneInfo(correction.site.time_zone)
        asked = correction.at.astimezone(zone)
        schedule = Schedule.parse(correction.site.schedule)
        midday = datetime.datetime.combine(asked.date(), schedule.morning.end, zone)
        punches = [
            punch.at.astimezone(zone)
            for punch in Punch.objects.filter(staff=correction.staff, site=correction.site)
            if punch.at.astimezone(zone).date() == asked.date()
        ]
        # Asked for the punch out, the day has none in the afternoon; asked for the punch in,
        # none in the morning.
        same_half = [t for t in punches if (t >= midday) == (asked >= midday)]
        assert same_half == [], (asked, punches)
        day = Day.objects.get(staff=correction.staff, site=correction.site, date=asked.date())
        assert day.status == DayStatus.MISSING_PUNCH


def test_everyone_on_site_for_a_while_has_finished_onboarding_before_starting(demo_company):
    today = timezone.localdate()
    settled = Assignment.objects.active_today().filter(
        staff__company=demo_company,
        start__lte=today - datetime.timedelta(days=SETTLED_AFTER_DAYS),
    )
    assert settled.count() > 20
    for placement in settled:
        items = {item.kind: item for item in placement.onboarding_items.all()}
        for kind, label in OnboardingItemKind.choices:
            item = items.get(kind)
            assert item is not None and item.done_at is not None, (placement.staff.name, label)
            assert timezone.localdate(item.done_at) <= placement.start
            assert item.done_by is not None


def test_the_demo_newcomer_has_open_onboarding_items_and_no_punch_before_starting(demo_company):
    today = timezone.localdate()
    newcomers = Assignment.objects.active_today().filter(
        staff__company=demo_company,
        start__gt=today - datetime.timedelta(days=SETTLED_AFTER_DAYS),
    )
    assert newcomers.exists()
    for placement in newcomers:
        done = placement.onboarding_items.filter(done_at__isnull=False).count()
        assert 0 < done < len(OnboardingItemKind.choices)
        earliest = Punch.objects.filter(staff=placement.staff).order_by("at").first()
        assert earliest is None or timezone.localdate(earliest.at) >= placement.start

import datetime

from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal
from django.utils import timezone

from attendance.models import CalendarDay, DaySource
from attendance.signals import seed_calendar


def national(year: int):
    return CalendarDay.objects.filter(site__isnull=True, date__year=year)


def test_migrate_seeded_last_this_and_next_year(db):
    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year, this_year + 1):
        assert (
            national(year).count()
            == (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days
        )


def test_migrate_seeds_a_missing_year_and_leaves_seeded_years_alone(db):
    this_year = timezone.localdate().year
    national(this_year + 1).delete()
    national(this_year).filter(date=datetime.date(this_year, 3, 3)).update(name="留着")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert national(this_year + 1).count() >= 365
    assert national(this_year).get(date=datetime.date(this_year, 3, 3)).name == "留着"


def test_a_year_with_only_hr_days_is_still_seeded(world):
    next_year = timezone.localdate().year + 1
    national(next_year).exclude(date=datetime.date(next_year, 1, 1)).delete()
    national(next_year).update(source=DaySource.HR, name="HR")
    seed_calendar(sender=apps.get_app_config("attendance"))
    assert national(next_year).count() >= 365
    assert national(next_year).get(date=datetime.date(next_year, 1, 1)).name == "HR"

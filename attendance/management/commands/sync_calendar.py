"""`python manage.py sync_calendar YEAR`: write the national working-day calendar of YEAR from
the `holidays` and `chinesecalendar` packages (SPEC §6). Days HR entered are kept. Prints what
changed; exits with status 1, writing nothing, when the packages disagree."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from attendance.services.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarConflict,
    calendar_sync,
)


class Command(BaseCommand):
    help = "Write the China working-day calendar of a year from the holidays packages."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, *args, year: int, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        try:
            report = calendar_sync(year=year)
        except CalendarConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        self.stdout.write(
            _(
                "%(year)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(kept)s kept as HR entered them"
            )
            % {
                "year": year,
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": report.unchanged,
                "kept": len(report.kept_hr),
            }
        )
        if report.confirmed:
            self.stdout.write(_("Confirmed: both packages publish %(year)s.") % {"year": year})
        else:
            self.stdout.write(
                _(
                    "Provisional: only the holidays package publishes %(year)s, so it is Monday "
                    "to Friday plus the statutory holidays, not confirmed. Check it against the "
                    "State Council notice and confirm it on the calendar page."
                )
                % {"year": year}
            )
        if report.kept_confirmed:
            self.stdout.write(
                _("%(count)s days HR confirmed were kept.") % {"count": len(report.kept_confirmed)}
            )
        for date in report.updated:
            self.stdout.write(_("updated %(date)s") % {"date": date})
        for date in report.kept_hr:
            self.stdout.write(_("kept %(date)s (entered by HR)") % {"date": date})

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import attendance.policy  # noqa: F401 (registers its policy numbers)
        from attendance.signals import seed_calendar
        from attendance.today import staff_today
        from onsite.dashboard import section_part_add
        from onsite.roles import Role

        # Sent once per app after migrate; listening for this app's signal seeds once.
        post_migrate.connect(seed_calendar, sender=self, dispatch_uid="attendance_seed_calendar")
        # The staff home shows today: the day at the site, the punches and what waits.
        section_part_add(Role.STAFF, staff_today)
        # The monthly sheet's PDF is made in the background (onsite/exports/).
        from attendance import export_jobs

        export_jobs.register()

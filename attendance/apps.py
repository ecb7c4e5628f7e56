from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import attendance.policy  # noqa: F401 (registers its policy numbers)
        from attendance import (
            dashboard,
            demo,
            menu,
            notifications,  # noqa: F401 (registers its notification kinds)
        )
        from attendance.imports import kinds as import_kinds
        from attendance.receivers import placements_changed_recompute, schedule_changed_recompute
        from attendance.signals import seed_calendar
        from onsite.signals import placements_changed, schedule_changed

        # Sent once per app after migrate; listening for this app's signal seeds once.
        post_migrate.connect(seed_calendar, sender=self, dispatch_uid="attendance_seed_calendar")
        # Days are judged by placements and sites' hours, which the layers below change.
        placements_changed.connect(
            placements_changed_recompute, dispatch_uid="attendance_placements"
        )
        schedule_changed.connect(schedule_changed_recompute, dispatch_uid="attendance_schedule")
        # What the core assembles from every app: the menu, the dashboard (the staff home starts
        # with today), the demo data and the import kinds (the periodic jobs are listed in
        # onsite/celery.py).
        menu.register()
        dashboard.register()
        demo.register()
        import_kinds.register()
        # Leave, overtime, corrections and explanations wait in the core approvals inbox.
        from attendance.workflows import KINDS
        from onsite.inbox import inbox_register

        for kind in KINDS:
            inbox_register(kind)
        # The monthly sheet's PDF is made in the background (onsite/exports/).
        from attendance.exports import jobs as export_jobs

        export_jobs.register()
        # The period's attendance beside the assessment's scores (SPEC §12).
        from attendance.selectors.facts import attendance_facts
        from onsite.facts import facts_register

        facts_register(attendance_facts)

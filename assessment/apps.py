from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The policy numbers; the scoring reminder (SPEC §12): its words, and the job the
        # core's reminder run calls (its beat entry is in onsite/celery.py).
        import assessment.notifications
        import assessment.policy  # noqa: F401
        from assessment.services.reminders import REMINDER, scorers_remind
        from onsite.reminders import reminder_register

        reminder_register(REMINDER, _("Scores unfinished before the deadline"), scorers_remind)
        # The demo's cycles (onsite/demo.py runs every app's step).
        from assessment import demo

        demo.register()
        # A site's assessment sheets as one PDF, made in the background (onsite/exports/).
        from assessment.exports import jobs as export_jobs

        export_jobs.register()
        # The assessment_scores import kind (SPEC §14), on the upload page and in import_data.
        from assessment.imports import kinds as import_kinds

        import_kinds.register()
        # The menu entries of the assessment pages.
        from assessment import menu

        menu.register()
        # An appeal waits in the approvals inbox of the person's managers.
        from assessment.workflows import KINDS as APPEAL_KINDS
        from onsite.inbox import inbox_register

        for kind in APPEAL_KINDS:
            inbox_register(kind)

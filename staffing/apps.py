from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import staffing.policy  # noqa: F401 (registers its policy numbers)
        from onsite.reminders import reminder_register
        from staffing.services.qualification import EXPIRY_REMINDER, checks_remind_expiring

        reminder_register(
            EXPIRY_REMINDER, _("Qualification about to expire (to HR)"), checks_remind_expiring
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "tickets"
    verbose_name = _("Service tickets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import tickets.policy  # noqa: F401 (registers its policy numbers)
        from tickets import notifications  # noqa: F401 (registers its notification kinds)

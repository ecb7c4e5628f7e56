from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OnsiteConfig(AppConfig):
    name = "onsite"
    verbose_name = _("Onsite")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the check that warns when no CJK font is installed (Chinese in PDFs would
        # silently turn into empty boxes); WeasyPrint itself is imported only when rendering.
        from onsite import pdf  # noqa: F401
        from onsite.converters import register

        register()
        from onsite.exports import menu as exports_menu

        exports_menu.register()
        from onsite.channels import menu as channels_menu

        channels_menu.register()
        from django.contrib.auth.signals import user_logged_in

        from onsite.login import language_keep_on_login

        user_logged_in.connect(language_keep_on_login, dispatch_uid="onsite.language_keep_on_login")


class OnsiteAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "onsite.admin_site.OnsiteAdminSite"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import staffing.policy  # noqa: F401 (registers its policy numbers)
        from staffing import dashboard, demo, menu
        from staffing.imports import kinds as import_kinds

        # What the core assembles from every app: the menu, the dashboard, the demo data and the
        # import kinds (the periodic jobs are listed in onsite/celery.py).
        menu.register()
        dashboard.register()
        demo.register()
        import_kinds.register()
        # Rewards and penalties of the period beside the assessment's scores (SPEC §12).
        from onsite.facts import facts_register
        from staffing.selectors.facts import reward_facts

        facts_register(reward_facts)
        from onsite.reminders import reminder_register
        from staffing import notifications  # noqa: F401 (registers its notification kinds)
        from staffing.services.qualification import EXPIRY_REMINDER, checks_remind_expiring

        reminder_register(
            EXPIRY_REMINDER, _("Qualification about to expire (to HR)"), checks_remind_expiring
        )
        from staffing.services import expense_reminders as expenses

        reminder_register(expenses.DEADLINE, _("Expense claim deadline"), expenses.deadline_remind)
        reminder_register(
            expenses.UNSUBMITTED,
            _("Expenses never submitted (to supervisors)"),
            expenses.unsubmitted_list,
        )
        reminder_register(
            expenses.ANOMALY, _("Expense anomaly of a site (to finance)"), expenses.anomaly_notify
        )
        # Resignations wait in the core approvals inbox.
        from onsite.inbox import inbox_register
        from staffing.workflows import KINDS

        for kind in KINDS:
            inbox_register(kind)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "tickets"
    verbose_name = _("Service tickets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import tickets.policy  # noqa: F401 (registers its policy numbers)
        from tickets import notifications  # noqa: F401 (registers its notification kinds)
        from tickets.demo import register as demo_register

        # The demo's tickets and inspections (onsite/demo.py runs every app's step).
        demo_register()
        # Client satisfaction of the assessment is computed from these ratings (SPEC §12).
        from onsite.facts import ratings_by_staff_register, ratings_register
        from tickets.selectors.ratings import ratings_by_staff, ratings_of

        ratings_register(ratings_of)
        ratings_by_staff_register(ratings_by_staff)
        # Tickets handled, SLA compliance and the weekly-report on-time rate beside them.
        from onsite.facts import facts_register
        from tickets.selectors.facts import report_facts, report_facts_many, ticket_facts

        facts_register(ticket_facts)
        facts_register(report_facts, many=report_facts_many)
        # The SLA (tsla): warnings and breach notices every 5 minutes, the automatic close hourly
        # (their beat entries are in onsite/celery.py).
        from onsite.reminders import reminder_register
        from tickets.services.reminders import tickets_sla_remind

        reminder_register("tickets.sla", _("Ticket due soon or overdue"), tickets_sla_remind)
        # Inspections (tinsp): a working day without an inspection record, the next morning.
        from tickets.services.inspections import inspections_missing_flag

        reminder_register(
            "tickets.inspection_missing", _("Day without an inspection"), inspections_missing_flag
        )
        # Work reports (wrrem): the reminder of a report not submitted, the supervisor's digest.
        from tickets.services import report_reminders

        reminder_register(
            report_reminders.REMINDER,
            _("Work report not submitted (to the person)"),
            report_reminders.reports_remind,
        )
        reminder_register(
            report_reminders.DIGEST,
            _("Missing and late work reports (to the supervisor)"),
            report_reminders.reports_digest,
        )
        # The ticket pages (tui): the menu entry and the dashboard cards.
        from tickets import dashboard as tickets_dashboard
        from tickets import menu as tickets_menu

        tickets_menu.register()
        tickets_dashboard.register()
        # The monthly service report (trep): the import kind of a ticket log, the PDF export.
        from tickets.exports import jobs as tickets_export_jobs
        from tickets.imports import kinds as tickets_import_kinds

        tickets_import_kinds.register()
        tickets_export_jobs.register()
        # Work reports (wr): the report's workflow (not an inbox kind: reading is no approval).
        from onsite.workflows import workflow_register
        from tickets.services.report_workflow import REPORT

        workflow_register(REPORT)
        # Work plans (wp): a submitted plan waits in the approvals inbox for the site's lead.
        from onsite.inbox import inbox_register
        from tickets.workflows import KINDS as PLAN_KINDS

        for kind in PLAN_KINDS:
            inbox_register(kind)

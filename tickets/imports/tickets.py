"""Importing service tickets from a ticket log (SPEC §14 `tickets`): history, so that the monthly
reports and assessments see the months before Onsite.

A ticket is known by its site and number: a number the site already has is left as it is (the
same file twice changes nothing). The status follows from the times the log gives (closed,
resolved, acknowledged, else new), and the due times from the site's SLA clock and the policy
numbers in force when it was raised (tickets.imports.policy_history), as if raised here. The
site's desk then gives its next ticket a number above every imported one. The whole file or nothing: any bad row changes nothing
(unless bad rows are skipped), each reported by row, column and reason."""

from __future__ import annotations

import datetime
import unicodedata
import zoneinfo

from django.db import transaction
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from attendance.imports.punches import TIMESTAMP, Problems
from onsite.org.models import Company, Contract, Site
from staffing.imports.context import ImportContext
from staffing.imports.resources import Column
from staffing.imports.services import ImportReport, ImportRows
from staffing.imports.widgets import Integer, Text, YesNo, empty_cell
from tickets.imports.policy_history import PolicyAsOf
from tickets.models import Category, Priority, SiteDesk, Ticket, TicketStatus
from tickets.services import sla

# The labels of the client's forms (SPEC §11); the English keys and labels also do.
CATEGORY_NAMES = {
    "一般性事件": Category.GENERAL,
    "数据提供事件": Category.DATA_REQUEST,
    "变更事件": Category.CHANGE,
    "故障事件": Category.FAULT,
}
PRIORITY_NAMES = {
    "紧急": Priority.URGENT,
    "高": Priority.HIGH,
    "中": Priority.NORMAL,
    "低": Priority.LOW,
}
TIMES = ("raised_at", "acknowledged_at", "resolved_at", "closed_at")
NUMBER = Integer(minimum=1, maximum=2_000_000_000, required=True)
RATING = Integer(minimum=1, maximum=5)
TITLE = Text(max_length=120, required=True)
SITE_CODE = Text(max_length=40, required=True, code=True)
COMPLAINT = YesNo()


def _names(choices, extra: dict) -> dict[str, str]:
    names = {key: key for key in choices.values}
    names.update({str(label).lower(): key for key, label in choices.choices})
    names.update(extra)
    return names


def _local_time(text: str, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    """`YYYY-MM-DD HH:MM[:SS]` in the site's time as an aware time; None when it is not one."""
    match = TIMESTAMP.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        return datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=zone
        )
    except ValueError:
        return None


def status_of(times: dict) -> str:
    if times["closed_at"]:
        return TicketStatus.CLOSED
    if times["resolved_at"]:
        return TicketStatus.RESOLVED
    if times["acknowledged_at"]:
        return TicketStatus.ACKNOWLEDGED
    return TicketStatus.NEW


class TicketImport:
    kind = "tickets"
    device_log = False
    columns = (
        Column("number", "编号", required=True, aliases=("单号", "联络单编号")),
        Column("site_code", "现场编号", required=True, aliases=("现场代码",)),
        Column("category", "类别", required=True, aliases=("事件类别", "事件类型")),
        Column("priority", "优先级", required=True),
        Column("title", "标题", required=True, aliases=("事件描述",)),
        Column("raised_at", "提出时间", required=True, aliases=("报告时间",)),
        Column("acknowledged_at", "响应时间"),
        Column("resolved_at", "解决时间"),
        Column("closed_at", "关闭时间"),
        Column("rating", "满意度评分", aliases=("评分",)),
        Column("complaint", "投诉"),
    )

    def __init__(self, *, context: ImportContext):
        self.context = context
        self.now = timezone.now()

    def run(
        self, *, rows: ImportRows, report: ImportReport, dry_run: bool, skip_invalid: bool
    ) -> ImportReport:
        problems = Problems(rows, report)
        parsed = self._parse(rows, problems)
        new = self._judge(parsed, problems, report)
        problems.fill(report)
        report.new = len(new)
        if dry_run or (problems and not skip_invalid):
            return report
        with transaction.atomic():
            if new:
                self._write(new)
        report.written = True
        return report

    # Reading the rows --------------------------------------------------------------------------

    def _sites(self) -> dict[str, Site]:
        """The sites the importer may import into: a company of theirs serves it (any site for
        the command line and superusers); another site reads like a code nobody has."""
        sites = self.context.sites
        if self.context.unrestricted:
            return sites
        served = set(
            Contract.objects.filter(company_id__in=self.context.access.hr_companies).values_list(
                "sites", flat=True
            )
        )
        return {code: site for code, site in sites.items() if site.pk in served}

    def _parse(self, rows: ImportRows, problems: Problems) -> list[tuple[int, dict]]:
        sites = self._sites()
        categories = _names(Category, CATEGORY_NAMES)
        priorities = _names(Priority, PRIORITY_NAMES)
        position = {key: index for index, key in enumerate(rows.keys)}
        parsed = []
        for number, cells in zip(rows.numbers, rows.rows, strict=True):
            cell = {key: cells[index] for key, index in position.items()}
            values: dict = {}
            errors: list[tuple[str, str]] = []

            def refuse(key: str, message: str, errors=errors) -> None:
                errors.append((key, message))

            for key, widget in (
                ("number", NUMBER),
                ("site_code", SITE_CODE),
                ("title", TITLE),
                ("rating", RATING),
                ("complaint", COMPLAINT),
            ):
                try:
                    values[key] = widget.clean(cell.get(key, ""))
                except ValueError as error:
                    refuse(key, str(error))
            site = sites.get(values.get("site_code"))
            if values.get("site_code") and site is None:
                refuse(
                    "site_code",
                    _("There is no site with the code %(code)s.") % {"code": values["site_code"]},
                )
            for key, names, what in (
                ("category", categories, _("a category")),
                ("priority", priorities, _("a priority")),
            ):
                text = unicodedata.normalize("NFKC", cell.get(key, "")).strip()
                values[key] = names.get(text.lower())
                if not text:
                    refuse(key, str(empty_cell()))
                elif values[key] is None:
                    known = "、".join(name for name in names if not name.isascii())
                    refuse(
                        key,
                        _(
                            "“%(value)s” is not %(what)s; write one of %(names)s, or its English key."
                        )
                        % {"value": text, "what": what, "names": known},
                    )
            for key, message in errors:
                problems.add(number, key, message)
            times_good = site is not None and self._times(cell, values, site, number, problems)
            if times_good and not errors:
                values["site"] = site
                parsed.append((number, values))
        return parsed

    def _times(self, cell: dict, values: dict, site: Site, number: int, problems) -> bool:
        zone = zoneinfo.ZoneInfo(site.time_zone)
        good = True
        for key in TIMES:
            text = cell.get(key, "").strip()
            values[key] = None
            if not text:
                if key == "raised_at":
                    problems.add(number, key, str(empty_cell()))
                    good = False
                continue
            moment = _local_time(text, zone)
            if moment is None:
                problems.add(
                    number,
                    key,
                    _("“%(value)s” is not a date and time; write it like 2026-10-12 09:30.")
                    % {"value": text},
                )
                good = False
            elif moment > self.now:
                problems.add(number, key, _("This time is still to come."))
                good = False
            values[key] = moment
        if not good:
            return False
        # Each step after the one before it, as a ticket moves (SPEC §11).
        steps = (
            (
                "acknowledged_at",
                "raised_at",
                _("The ticket was acknowledged before it was raised."),
            ),
            (
                "resolved_at",
                "acknowledged_at",
                _(
                    "A resolved ticket was acknowledged first; give the time of its acknowledgement, no later than its resolution."
                ),
            ),
            (
                "closed_at",
                "resolved_at",
                _(
                    "A closed ticket was resolved first; give the time of its resolution, no later than its closing."
                ),
            ),
        )
        for key, before, message in steps:
            if values[key] and (values[before] is None or values[key] < values[before]):
                problems.add(number, key, message)
                good = False
        if values["rating"] is not None and not values["closed_at"]:
            problems.add(
                number, "rating", _("Only a closed ticket is rated; give its closing time.")
            )
            good = False
        return good

    # Judging them against what is stored -----------------------------------------------------

    def _judge(self, parsed: list[tuple[int, dict]], problems, report: ImportReport) -> list[dict]:
        site_ids = {values["site"].pk for _n, values in parsed}
        stored = set(Ticket.objects.filter(site_id__in=site_ids).values_list("site_id", "number"))
        contracts = list(
            Contract.objects.filter(sites__in=site_ids)
            .values_list("sites", "company_id", "start", "end")
            .order_by("start", "pk")
        )
        seen: dict[tuple[int, int], tuple] = {}
        new = []
        for number, values in parsed:
            key = (values["site"].pk, values["number"])
            if key in stored:
                report.skipped += 1  # the same number again changes nothing
                continue
            same = tuple(values.get(k) for k in ("category", "priority", "title", *TIMES))
            if key in seen:
                if seen[key] == same:
                    report.skipped += 1
                else:
                    problems.add(
                        number,
                        "number",
                        _("Number %(number)s of this site is on an earlier row with other values.")
                        % {"number": values["number"]},
                    )
                continue
            seen[key] = same
            raised_day = timezone.localtime(
                values["raised_at"], zoneinfo.ZoneInfo(values["site"].time_zone)
            ).date()
            company = next(
                (
                    company
                    for site_id, company, start, end in contracts
                    if site_id == key[0]
                    and start <= raised_day
                    and (end is None or end >= raised_day)
                ),
                None,
            )
            if company is None:
                problems.add(
                    number,
                    "raised_at",
                    _("No contract served site %(code)s on %(date)s.")
                    % {"code": values["site"].code, "date": raised_day.isoformat()},
                )
                continue
            values["company_id"] = company
            new.append(values)
        return new

    # Writing -----------------------------------------------------------------------------------

    def _write(self, new: list[dict]) -> None:
        companies = Company.objects.in_bulk({values["company_id"] for values in new})
        policies: dict = {}
        tickets = []
        for values in new:
            site = values["site"]
            pair = (site.pk, values["company_id"])
            if pair not in policies:
                policies[pair] = PolicyAsOf(company=companies[values["company_id"]], site=site)
            policy = policies[pair].at(values["raised_at"])
            tickets.append(self._ticket(values, policy))
        bulk_create_with_history(
            tickets, Ticket, default_user=self.context.user, default_change_reason=_("Imported")
        )
        highest: dict[int, int] = {}
        for ticket in tickets:
            highest[ticket.site_id] = max(highest.get(ticket.site_id, 0), ticket.number)
        for site_id, number in highest.items():
            SiteDesk.objects.get_or_create(site_id=site_id)
            # Under the desk's row lock, as a raised ticket takes its number.
            SiteDesk.objects.select_for_update().filter(site_id=site_id).update(
                last_number=Greatest("last_number", number)
            )

    def _ticket(self, values: dict, policy) -> Ticket:
        site = values["site"]
        working = sla.clock_is_working_hours(site, policy)
        response_hours, resolution_hours = sla.targets(values["priority"], policy)
        raised = values["raised_at"]
        return Ticket(
            site=site,
            company_id=values["company_id"],
            number=values["number"],
            category=values["category"],
            priority=values["priority"],
            title=values["title"],
            complaint=values["complaint"],
            status=status_of(values),
            raised_at=raised,
            acknowledged_at=values["acknowledged_at"],
            resolved_at=values["resolved_at"],
            closed_at=values["closed_at"],
            rating=values["rating"],
            rated_at=values["closed_at"] if values["rating"] else None,
            response_due=sla.due_at(
                site=site, start=raised, hours=response_hours, working_hours=working
            ),
            resolution_due=sla.due_at(
                site=site, start=raised, hours=resolution_hours, working_hours=working
            ),
        )

"""One django-import-export resource per kind of SPEC §14, with the English keys as field names.

import-export runs the rows: it finds each row's record, tells new from updated from unchanged,
and wraps the run in one transaction. The resources here add what our records need:

- every cell is read by a widget of widgets.py, whose refusal is filed under the cell's column;
  rules across cells (`check`) add theirs, so one row reports all its problems at once;
- a row is unchanged when `state()` of the record is what it was when it was loaded; comparing
  that small tuple costs far less than import-export's deep copy and diff of every row;
- records a row creates on the way (a client, a position) are saved only with a valid row;
- a second row with the same identity in one file is refused, not applied twice;
- assignments go through `assignment_create`, so every rule that refuses a placement applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import tablib
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from attendance.tasks import queue_recompute
from onsite.access import acts_on_self
from onsite.models import PolicySetting
from onsite.spreadsheets import safe_cell
from onsite.transitions import Refused
from staffing.imports.widgets import (
    Amount,
    ClientByName,
    CompanyByName,
    ContractByCode,
    Date,
    GenderChoice,
    Integer,
    SiteByCode,
    SiteCodes,
    Text,
    YesNo,
    text_of,
)
from staffing.models import (
    Assignment,
    CheckStatus,
    Company,
    Condition,
    Contract,
    QualificationCheck,
    Site,
    Staff,
    StaffStatus,
)
from staffing.schedule import format_schedule, parse_schedule
from staffing.services.assignments import assignment_create, peak_headcount
from staffing.services.staff import staff_change_status
from staffing.validators import (
    normalise_id_number,
    normalise_phone,
    validate_id_matches_birth_date,
    validate_id_number,
)

# A site's own late-arrival grace (SPEC §6), kept as a site policy setting until the site has a
# field for it; onsite/policy.py registers the key and its default.
GRACE_POLICY_KEY = "late_grace_minutes"
GRACE_MAXIMUM = 240


@dataclass(frozen=True)
class Column:
    key: str  # the English key of SPEC §14
    label: str  # the Chinese header the templates use; either is accepted
    required: bool = False  # the file must have this column
    aliases: tuple[str, ...] = ()
    export_only: bool = False  # written by the roster export, ignored on import


class PreloadedLoader(BaseInstanceLoader):
    """The records a file may update, read in one query before the first row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = resource.preload(dataset)

    def get_instance(self, row):
        key = self.resource.row_identity(row)
        return None if key is None else self.instances.get(key)


def ref(record) -> object:
    """A related record as a comparable value; a record not yet saved differs from every other."""
    if record is None:
        return None
    return record.pk if record.pk is not None else ("new", str(record))


def add_error(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(str(message))


class ImportResource(resources.ModelResource):
    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    # Columns whose value is kept aside for `check` and `after_save_instance` rather than set on
    # the record as an attribute of the same name.
    extra: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # replaced by the `state()` snapshot, see the module docstring
        use_transactions = True
        instance_loader_class = PreloadedLoader

    def __init__(self, *, context):
        super().__init__()
        self.context = context

    def export(self, *args, **kwargs):
        """import-export's own export, neutralised as every spreadsheet we write
        (onsite.spreadsheets): whatever format it is saved in, no cell of it runs as a formula."""
        dataset = super().export(*args, **kwargs)
        safe = tablib.Dataset(headers=[safe_cell(header) for header in dataset.headers or []])
        for row in dataset:
            safe.append([safe_cell(value) for value in row])
        return safe

    # What subclasses define.

    def preload(self, dataset) -> dict:
        return {}

    def row_identity(self, row) -> object:
        raise NotImplementedError

    def identity(self, instance) -> object:
        raise NotImplementedError

    def state(self, instance) -> tuple:
        return ()

    def extra_changed(self, instance) -> bool:
        return False

    def check(self, instance, row, errors: dict[str, list[str]]) -> None:
        """Rules across cells, added to `errors`. `instance._import_failed` names the columns
        whose cell could not be read; a rule that needs one of them is left out."""

    # The import-export hooks.

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_extra = {}
        instance._import_state = None if new else self.state(instance)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            try:
                value = field.clean(row, context=self.context)
            except ValueError as error:
                add_error(errors, field.column_name, str(error))
                continue
            if field.column_name in self.extra:
                instance._import_extra[field.column_name] = value
            else:
                setattr(instance, field.attribute, value)
        instance._import_failed = frozenset(errors)
        self.check(instance, row, errors)
        number = kwargs.get("row_number")
        first = self.context.saved.get(self.identity(instance)) if not errors else None
        if first is not None:
            add_error(
                errors,
                self.columns[0].key,
                _("Row %(row)s is about the same record; a file may name each record once.")
                % {"row": first},
            )
        if errors:
            raise ValidationError(errors)
        instance._import_row = self.context.file_row(number) if number else None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._import_state is None:
            return False
        if self.state(instance) != instance._import_state or self.extra_changed(instance):
            return False
        self.context.saved.setdefault(self.identity(instance), instance._import_row)
        return True

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.context.user
        self.context.saved[self.identity(instance)] = instance._import_row

    def save_m2m(self, instance, row, **kwargs):
        """Many-to-many values are saved by `after_save_instance`, with the rest of the row."""

    def after_import(self, dataset, result, **kwargs):
        """Nothing: ModelResource would reset the table's id sequence, which new rows never
        need (ids come from the sequence) and which could hand out an id a concurrent,
        uncommitted transaction already holds."""


class CompanyResource(ImportResource):
    kind = "companies"
    columns = (Column("name", "名称", required=True, aliases=("外包公司", "公司名称")),)

    name = Field(attribute="name", column_name="name", widget=Text(max_length=120, required=True))

    class Meta:
        model = Company
        fields = ("name",)
        import_id_fields = ("name",)

    def preload(self, dataset) -> dict:
        return dict(self.context.companies)

    def row_identity(self, row):
        return text_of(row.get("name"))

    def identity(self, instance):
        return ("company", instance.name)

    def check(self, instance, row, errors):
        if self.context.unrestricted or "name" in errors:
            return
        if instance.pk is None:
            add_error(errors, "name", _("Only a superuser can add a dispatch company."))
        elif not self.context.may_import_for(instance.pk):
            add_error(
                errors,
                "name",
                _("You can import only for your own companies; “%(name)s” is not one of them.")
                % {"name": instance.name},
            )

    def after_save_instance(self, instance, row, **kwargs):
        self.context.companies[instance.name] = instance


class SiteResource(ImportResource):
    kind = "sites"
    columns = (
        Column("code", "编码", required=True, aliases=("地点编码", "驻场地点编码")),
        Column("name", "名称", required=True, aliases=("地点名称",)),
        Column("client", "客户单位", required=True),
        Column("address", "地址"),
        Column("schedule", "作息时间"),
        Column("grace_minutes", "迟到宽限分钟"),
    )
    extra = frozenset({"grace_minutes"})

    code = Field(attribute="code", widget=Text(max_length=40, required=True, code=True))
    name = Field(attribute="name", widget=Text(max_length=120, required=True))
    client = Field(attribute="client", widget=ClientByName(create=True))
    address = Field(attribute="address", widget=Text(max_length=255))
    schedule = Field(attribute="schedule", widget=Text(max_length=120))
    grace_minutes = Field(widget=Integer(minimum=0, maximum=GRACE_MAXIMUM))

    class Meta:
        model = Site
        fields = ("code", "name", "client", "address", "schedule", "grace_minutes")
        import_order = fields
        import_id_fields = ("code",)

    def preload(self, dataset) -> dict:
        context = self.context
        self.grace = dict(
            PolicySetting.objects.filter(key=GRACE_POLICY_KEY, site__isnull=False).values_list(
                "site_id", "value"
            )
        )
        # An HR admin changes the sites of their companies' contracts, and sites no contract
        # covers yet (such as the ones they have just added).
        self.editable = (
            None
            if context.unrestricted
            else set(
                Site.objects.filter(
                    Q(contracts__company_id__in=context.access.hr_companies)
                    | Q(contracts__isnull=True)
                ).values_list("pk", flat=True)
            )
        )
        return dict(context.sites)

    def row_identity(self, row):
        return text_of(row.get("code"), compatible=True)

    def identity(self, instance):
        return ("site", instance.code)

    def state(self, instance) -> tuple:
        return (instance.name, ref(instance.client), instance.address, instance.schedule)

    def extra_changed(self, instance) -> bool:
        grace = instance._import_extra.get("grace_minutes")
        return grace is not None and grace != self.grace.get(instance.pk)

    def check(self, instance, row, errors):
        if instance.schedule and "schedule" not in errors:
            try:
                instance.schedule = format_schedule(parse_schedule(instance.schedule))
            except ValidationError as error:
                for message in error.messages:
                    add_error(errors, "schedule", message)
        if (
            self.editable is not None
            and instance.pk
            and instance.pk not in self.editable
            and (self.state(instance) != instance._import_state or self.extra_changed(instance))
        ):
            add_error(
                errors,
                "code",
                _("Site %(code)s is not a site of your companies' contracts; you cannot change it.")
                % {"code": instance.code},
            )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.client.pk is None:
            instance.client._history_user = self.context.user
            instance.client.save()
            instance.client = instance.client

    def after_save_instance(self, instance, row, **kwargs):
        self.context.sites[instance.code] = instance
        if instance._import_state and instance._import_state[3] != instance.schedule:
            # Queued on commit, so a dry run (rolled back) queues nothing.
            today = self.context.today
            queue_recompute(start=today.replace(day=1), end=today, site_ids=[instance.pk])
        grace = instance._import_extra.get("grace_minutes")
        if grace is None or grace == self.grace.get(instance.pk):
            return
        setting = PolicySetting.objects.filter(site=instance, key=GRACE_POLICY_KEY).first()
        setting = setting or PolicySetting(site=instance, key=GRACE_POLICY_KEY)
        setting.value = grace
        setting._history_user = self.context.user
        setting.save()
        self.grace[instance.pk] = grace


class ContractResource(ImportResource):
    kind = "contracts"
    columns = (
        Column("code", "合同编号", required=True, aliases=("编码",)),
        Column("company", "外包公司", required=True),
        Column("client", "客户单位", required=True),
        Column("start", "开始日期", required=True),
        Column("end", "结束日期", required=True),
        Column("headcount", "人数定额", required=True),
        Column("sites", "驻场地点", aliases=("驻场地点编码",)),
    )
    extra = frozenset({"sites"})

    code = Field(attribute="code", widget=Text(max_length=40, required=True, code=True))
    company = Field(attribute="company", widget=CompanyByName())
    client = Field(attribute="client", widget=ClientByName(create=False))
    start = Field(attribute="start", widget=Date(required=True))
    end = Field(attribute="end", widget=Date(required=True))
    headcount = Field(attribute="headcount", widget=Integer(minimum=0, required=True))
    sites = Field(attribute="sites", widget=SiteCodes())

    class Meta:
        model = Contract
        fields = ("code", "company", "client", "start", "end", "headcount", "sites")
        import_order = fields
        import_id_fields = ("code",)

    def preload(self, dataset) -> dict:
        self.site_ids: dict[int, set[int]] = {}
        for contract_id, site_id in Contract.sites.through.objects.values_list(
            "contract_id", "site_id"
        ):
            self.site_ids.setdefault(contract_id, set()).add(site_id)
        return dict(self.context.contracts)

    def row_identity(self, row):
        return text_of(row.get("code"), compatible=True)

    def identity(self, instance):
        return ("contract", instance.code)

    def state(self, instance) -> tuple:
        return (
            instance.company_id,
            instance.client_id,
            instance.start,
            instance.end,
            instance.headcount,
        )

    def extra_changed(self, instance) -> bool:
        sites = instance._import_extra.get("sites")
        return sites is not None and {s.pk for s in sites} != self.site_ids.get(instance.pk, set())

    def check(self, instance, row, errors):
        failed = instance._import_failed
        original = instance._import_state
        if original and not self.context.may_import_for(original[0]):
            add_error(
                errors,
                "code",
                _("Contract %(code)s belongs to another company; you cannot change it.")
                % {"code": instance.code},
            )
            return
        dates = not {"start", "end"} & failed
        if dates and instance.start > instance.end:
            add_error(errors, "end", _("The end date is before the start date."))
            dates = False
        sites = instance._import_extra.get("sites") or []
        if "client" not in failed:
            for site in sites:
                if site.client_id != instance.client.pk:
                    add_error(
                        errors,
                        "sites",
                        _("Site %(code)s is a site of %(client)s, not of the contract's client.")
                        % {"code": site.code, "client": site.client.name},
                    )
        if instance.pk is None or failed or errors:
            return
        if self.state(instance) != original or self.extra_changed(instance):
            self._check_assignments_still_fit(instance, original, errors)

    def _check_assignments_still_fit(self, instance, original, errors):
        """A changed contract must still hold the people placed under it."""
        placed = Assignment.objects.filter(contract=instance)
        span = placed.aggregate(first=Min("start"), last=Max("end"))
        if span["first"] is None:
            return
        if instance.company_id != original[0]:
            add_error(
                errors,
                "company",
                _("People are placed under this contract; its company cannot change."),
            )
        if span["first"] < instance.start:
            add_error(
                errors,
                "start",
                _("A placement under this contract starts on %(date)s, before this start date.")
                % {"date": span["first"]},
            )
        if span["last"] is not None and span["last"] > instance.end:
            add_error(
                errors,
                "end",
                _("A placement under this contract ends on %(date)s, after this end date.")
                % {"date": span["last"]},
            )
        peak, day = peak_headcount(contract=instance, start=instance.start, end=instance.end)
        if peak > instance.headcount:
            add_error(
                errors,
                "headcount",
                _("%(count)s people are placed on %(date)s; the quota cannot be lower.")
                % {"count": peak, "date": day},
            )
        sites = instance._import_extra.get("sites")
        if sites is not None:
            dropped = self.site_ids.get(instance.pk, set()) - {site.pk for site in sites}
            used = placed.filter(site_id__in=dropped).values_list("site__code", flat=True)
            if dropped and used:
                add_error(
                    errors,
                    "sites",
                    _("People are placed at %(codes)s under this contract; keep it in the list.")
                    % {"codes": "、".join(sorted(set(used)))},
                )

    def after_save_instance(self, instance, row, **kwargs):
        self.context.contracts[instance.code] = instance
        sites = instance._import_extra.get("sites")
        if sites is not None and {s.pk for s in sites} != self.site_ids.get(instance.pk, set()):
            instance.sites.set(sites)
            self.site_ids[instance.pk] = {site.pk for site in sites}


class StaffResource(ImportResource):
    """Rows are saved in batches (use_bulk), with their history rows and qualification checks
    written in bulk too: a migration of thousands of people takes seconds, not minutes."""

    kind = "staff"
    columns = (
        Column("staff_no", "工号", required=True),
        Column("name", "姓名", required=True),
        Column("gender", "性别", required=True),
        Column("birth_date", "出生日期", required=True),
        Column("id_number", "身份证号", aliases=("身份证号码",)),
        Column("phone", "手机号", aliases=("电话", "手机")),
        Column("company", "外包公司", required=True),
        Column("position", "岗位"),
        Column("monthly_salary", "月薪"),
        Column("qualified", "已审查"),
        Column("status", "状态", export_only=True),
        Column("site", "今日驻场地点", export_only=True),
    )
    extra = frozenset({"position", "qualified"})
    # Model fields a present column writes, for bulk_update.
    ATTRIBUTES = (
        "name",
        "gender",
        "birth_date",
        "id_number",
        "phone",
        "position",
        "monthly_salary",
    )

    staff_no = Field(attribute="staff_no", widget=Text(max_length=40, required=True, code=True))
    name = Field(attribute="name", widget=Text(max_length=60, required=True))
    gender = Field(attribute="gender", widget=GenderChoice())
    birth_date = Field(attribute="birth_date", widget=Date(required=True))
    id_number = Field(attribute="id_number", widget=Text(max_length=40, code=True))
    phone = Field(attribute="phone", widget=Text(max_length=40))
    company = Field(attribute="company", widget=CompanyByName())
    position = Field(widget=Text(max_length=120))
    monthly_salary = Field(attribute="monthly_salary", widget=Amount())
    qualified = Field(widget=YesNo())
    status = Field(readonly=True)
    site = Field(readonly=True)

    class Meta:
        model = Staff
        fields = (
            "staff_no",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "company",
            "position",
            "monthly_salary",
            "qualified",
            "status",
            "site",
        )
        import_order = fields
        import_id_fields = ("company", "staff_no")
        use_bulk = True
        batch_size = 1000

    def preload(self, dataset) -> dict:
        names = {text_of(name) for name in dataset["company"]}
        company_ids = [c.pk for name, c in self.context.companies.items() if name in names]
        people = Staff.objects.filter(company_id__in=company_ids).select_related("position")
        staff = {(person.company_id, person.staff_no): person for person in people}
        self.id_owners = {
            (person.company_id, person.id_number): person.staff_no
            for person in staff.values()
            if person.id_number
        }
        self.checks: dict[int, dict[str, str]] = {}
        for staff_id, condition, status in QualificationCheck.objects.filter(
            staff__company_id__in=company_ids
        ).values_list("staff_id", "condition", "status"):
            self.checks.setdefault(staff_id, {})[condition] = status
        self.columns_present = set(dataset.headers)
        self.to_ensure: list[int] = []
        return staff

    def row_identity(self, row):
        company = self.context.companies.get(text_of(row.get("company")))
        staff_no = text_of(row.get("staff_no"), compatible=True)
        return (company.pk, staff_no) if company and staff_no else None

    def identity(self, instance):
        return ("staff", instance.company_id, instance.staff_no)

    def state(self, instance) -> tuple:
        return (
            instance.name,
            instance.gender,
            instance.birth_date,
            instance.id_number,
            instance.phone,
            ref(instance.position),
            instance.monthly_salary,
        )

    def all_passed(self, staff_id: int) -> bool:
        checks = self.checks.get(staff_id, {})
        return len(checks) == len(Condition) and all(
            status == CheckStatus.PASSED for status in checks.values()
        )

    def extra_changed(self, instance) -> bool:
        return bool(instance._import_extra.get("qualified")) and not self.all_passed(instance.pk)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        skip = super().skip_row(instance, original, row, import_validation_errors)
        if skip and len(self.checks.get(instance.pk, {})) < len(Condition):
            self.to_ensure.append(instance.pk)
        return skip

    def check(self, instance, row, errors):
        failed = instance._import_failed
        company = None if "company" in failed else instance.company
        original = instance._import_state
        # An HR admin's own row: her pay is set by someone else (STYLE habit 15).
        if (
            original
            and acts_on_self(self.context.user, instance)
            and instance.monthly_salary != original[6]
        ):
            add_error(
                errors,
                "monthly_salary",
                _("You cannot change your own pay; another HR admin sets it."),
            )
        if acts_on_self(self.context.user, instance) and self.extra_changed(instance):
            add_error(
                errors,
                "qualified",
                _("You cannot record your own qualification; another HR admin checks it."),
            )
        if "phone" not in failed and instance.phone:
            try:
                instance.phone = normalise_phone(instance.phone)
            except ValidationError as error:
                errors["phone"] = error.messages
        if "position" in instance._import_extra:
            title = instance._import_extra["position"]
            if company is not None:
                instance.position = self.context.position(company, title) if title else None
        if "id_number" in failed or not instance.id_number:
            return
        instance.id_number = normalise_id_number(instance.id_number)
        try:
            validate_id_number(instance.id_number)
        except ValidationError as error:
            errors["id_number"] = error.messages
            return
        if "birth_date" not in failed:
            try:
                validate_id_matches_birth_date(instance.id_number, instance.birth_date)
            except ValidationError as error:
                errors["birth_date"] = error.messages
        owner = self.id_owners.get((getattr(company, "pk", None), instance.id_number))
        if company is not None and owner is not None and owner != instance.staff_no:
            add_error(
                errors,
                "id_number",
                _("Staff number %(staff_no)s of %(company)s already has this ID card number.")
                % {"staff_no": owner, "company": company.name},
            )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        position = instance.position
        if position is not None and position.pk is None:
            position._history_user = self.context.user
            position.save()
            instance.position = position
        if instance.pk is None and instance._import_extra.get("qualified"):
            instance.status = StaffStatus.QUALIFIED
        if instance.id_number:
            self.id_owners[(instance.company_id, instance.id_number)] = instance.staff_no

    def get_bulk_update_fields(self):
        return [name for name in self.ATTRIBUTES if name in self.columns_present]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.create_instances:
            return
        try:
            created = bulk_create_with_history(
                self.create_instances,
                Staff,
                batch_size=batch_size,
                default_user=self.context.user,
                default_change_reason=_("Imported"),
            )
            self._add_checks([(p.pk, bool(p._import_extra.get("qualified"))) for p in created])
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.update_instances:
            return
        try:
            fields = self.get_bulk_update_fields()
            changed = [p for p in self.update_instances if self.state(p) != p._import_state]
            if fields and changed:
                bulk_update_with_history(
                    changed,
                    Staff,
                    fields,
                    batch_size=batch_size,
                    default_user=self.context.user,
                    default_change_reason=_("Imported"),
                )
            qualified = [p for p in self.update_instances if self.extra_changed(p)]
            self._pass_existing_checks(qualified)
            self.to_ensure.extend(
                p.pk
                for p in self.update_instances
                if p not in qualified and len(self.checks.get(p.pk, {})) < len(Condition)
            )
            for person in qualified:
                if person.status == StaffStatus.CANDIDATE:
                    staff_change_status(
                        staff=person,
                        to=StaffStatus.QUALIFIED,
                        by=self.context.user,
                        reason=_("Qualification imported"),
                    )
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def _verdict(self) -> dict:
        """`qualified=yes`: every check passed on the import date, as migrated from paper."""
        return {
            "status": CheckStatus.PASSED,
            "verified_by": self.context.user,
            "verified_on": self.context.today,
            "expires_on": None,
            "note": _("imported"),
        }

    def _pass_existing_checks(self, people: list[Staff]) -> None:
        if not people:
            return
        verdict = self._verdict()
        stale = list(
            QualificationCheck.objects.filter(staff__in=[p.pk for p in people]).exclude(
                status=CheckStatus.PASSED
            )
        )
        for check in stale:
            for name, value in verdict.items():
                setattr(check, name, value)
        if stale:
            # A changed verdict is history worth keeping, as when HR records it by hand.
            bulk_update_with_history(
                stale,
                QualificationCheck,
                list(verdict),
                default_user=self.context.user,
                default_change_reason=_("Imported"),
            )
        self._add_checks([(person.pk, True) for person in people])

    def _add_checks(self, people: list[tuple[int, bool]]) -> None:
        """The six checks of each (staff id, passed) that lacks them: passed with the import's
        verdict, or pending as `checks_ensure` makes them (and, like it, without history rows).

        One INSERT … SELECT for all of them: through the ORM, the six model instances per
        person made up most of the time of a 10,000-person import."""
        if not people:
            return
        model = QualificationCheck
        column = {f.name: connection.ops.quote_name(f.column) for f in model._meta.concrete_fields}
        verdict = self._verdict()
        user = verdict["verified_by"]
        sql = f"""
            INSERT INTO {connection.ops.quote_name(model._meta.db_table)}
                ({column["staff"]}, {column["condition"]}, {column["status"]},
                 {column["evidence"]}, {column["verified_by"]}, {column["verified_on"]},
                 {column["note"]})
            SELECT person.id, kind.condition,
                   CASE WHEN person.passed THEN %s ELSE %s END,
                   '',
                   CASE WHEN person.passed THEN %s::bigint END,
                   CASE WHEN person.passed THEN %s::date END,
                   CASE WHEN person.passed THEN %s ELSE '' END
            FROM unnest(%s::bigint[], %s::boolean[]) AS person(id, passed)
            CROSS JOIN unnest(%s::text[]) AS kind(condition)
            ON CONFLICT DO NOTHING
        """
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    CheckStatus.PASSED.value,
                    CheckStatus.PENDING.value,
                    user.pk if user is not None else None,
                    verdict["verified_on"],
                    str(verdict["note"]),
                    [staff_id for staff_id, _passed in people],
                    [passed for _staff_id, passed in people],
                    [condition.value for condition in Condition],
                ],
            )
        for staff_id, passed in people:
            if passed:
                self.checks[staff_id] = dict.fromkeys(Condition, CheckStatus.PASSED)

    def after_import(self, dataset, result, **kwargs):
        # Unchanged people with fewer than six checks get the missing ones, pending.
        self._add_checks([(staff_id, False) for staff_id in set(self.to_ensure)])


class AssignmentResource(ImportResource):
    """Only adds placements: each new row is placed by `assignment_create`, whose refusals
    become the row's errors; a row equal to an existing placement is unchanged."""

    kind = "assignments"
    columns = (
        Column("staff_no", "工号", required=True),
        Column("site_code", "驻场地点编码", required=True, aliases=("驻场地点",)),
        Column("contract_code", "合同编号", required=True),
        Column("start", "开始日期", required=True),
        Column("end", "结束日期"),
        Column("backup", "备用人员"),
    )
    extra = frozenset({"staff_no"})

    staff_no = Field(widget=Text(max_length=40, required=True, code=True))
    site_code = Field(attribute="site", widget=SiteByCode())
    contract_code = Field(attribute="contract", widget=ContractByCode())
    start = Field(attribute="start", widget=Date(required=True))
    end = Field(attribute="end", widget=Date())
    backup = Field(attribute="backup", widget=YesNo())

    class Meta:
        model = Assignment
        fields = ("staff_no", "site_code", "contract_code", "start", "end", "backup")
        import_order = fields
        import_id_fields = ("staff_no", "site_code", "contract_code", "start")

    def preload(self, dataset) -> dict:
        codes = {text_of(code, compatible=True) for code in dataset["contract_code"]}
        self.site_ids: dict[int, set[int]] = {}
        for contract_id, site_id in Contract.sites.through.objects.filter(
            contract__code__in=codes
        ).values_list("contract_id", "site_id"):
            self.site_ids.setdefault(contract_id, set()).add(site_id)
        return {
            (a.staff_id, a.site_id, a.contract_id, a.start): a
            for a in Assignment.objects.filter(contract__code__in=codes)
        }

    def row_identity(self, row):
        context = self.context
        try:
            contract = context.contract(text_of(row.get("contract_code"), compatible=True))
            site = context.site_list([text_of(row.get("site_code"), compatible=True)])[0]
            staff = context.staff_member(
                contract.company, text_of(row.get("staff_no"), compatible=True)
            )
            start = self.fields["start"].clean(row)
        except ValueError:
            return None
        return (staff.pk, site.pk, contract.pk, start)

    def identity(self, instance):
        return (
            "assignment",
            instance.staff_id,
            instance.site_id,
            instance.contract_id,
            instance.start,
        )

    def state(self, instance) -> tuple:
        return (instance.end, instance.backup)

    def check(self, instance, row, errors):
        failed = instance._import_failed
        staff_no = instance._import_extra.get("staff_no")
        if "contract_code" not in failed and staff_no:
            try:
                instance.staff = self.context.staff_member(instance.contract.company, staff_no)
            except ValueError as error:
                add_error(errors, "staff_no", str(error))
            else:
                # Nobody places themselves (STYLE habit 15).
                if acts_on_self(self.context.user, instance.staff):
                    add_error(errors, "staff_no", _("You cannot place yourself at a site."))
        if failed or errors:
            return
        if instance.pk is not None:
            if self.state(instance) != instance._import_state:
                add_error(
                    errors,
                    "end" if instance.end != instance._import_state[0] else "backup",
                    _(
                        "This placement exists with another end date or backup flag; an import "
                        "only adds placements. Change it on the staff member's page."
                    ),
                )
            return
        contract, site = instance.contract, instance.site
        if site.pk not in self.site_ids.get(contract.pk, set()):
            add_error(
                errors,
                "site_code",
                _("Contract %(contract)s does not cover %(site)s.")
                % {"contract": contract.code, "site": site.name},
            )
        if instance.end is not None and instance.end < instance.start:
            add_error(errors, "end", _("The end date is before the start date."))
        elif instance.start < contract.start or (instance.end or contract.end) > contract.end:
            add_error(
                errors,
                "start" if instance.start < contract.start else "end",
                _("The assignment must lie within the contract period, %(start)s to %(end)s.")
                % {"start": contract.start, "end": contract.end},
            )

    def do_instance_save(self, instance, is_create):
        try:
            placed = assignment_create(
                staff=instance.staff,
                site=instance.site,
                contract=instance.contract,
                start=instance.start,
                end=instance.end,
                backup=instance.backup,
                by=self.context.user,
                today=self.context.today,
            )
        except Refused as refusal:
            raise ValidationError({self._refused_column(instance): refusal.messages}) from None
        instance.pk = placed.pk

    def _refused_column(self, instance) -> str:
        """The structural rules were checked first (`check`), so a refusal is either about the
        person (status, checks, age, bans, another placement) or about the contract's quota."""
        contract = instance.contract
        peak, _day = peak_headcount(
            contract=contract, start=instance.start, end=instance.end or contract.end
        )
        return "contract_code" if peak + 1 > contract.headcount else "staff_no"


RESOURCES: dict[str, type[ImportResource]] = {
    resource.kind: resource
    for resource in (
        CompanyResource,
        SiteResource,
        ContractResource,
        StaffResource,
        AssignmentResource,
    )
}

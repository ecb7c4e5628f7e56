"""The resource of the staff register, saved in bulk."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from import_export.fields import Field
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from onsite.access import acts_on_self
from onsite.org.models import Staff, StaffStatus
from onsite.org.validators import (
    normalise_id_number,
    normalise_phone,
    validate_id_matches_birth_date,
    validate_id_number,
)
from staffing.imports.resources.base import Column, ImportResource, add_error, ref
from staffing.imports.widgets import Amount, CompanyByName, Date, GenderChoice, Text, YesNo, text_of
from staffing.models import CheckStatus, Condition, QualificationCheck
from staffing.services.staff import staff_change_status


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
        if connection.vendor != "postgresql":
            self._add_checks_portable(people)
        else:
            self._add_checks_unnest(people)
        for staff_id, passed in people:
            if passed:
                self.checks[staff_id] = dict.fromkeys(Condition, CheckStatus.PASSED)

    def _add_checks_portable(self, people: list[tuple[int, bool]]) -> None:
        # The newcomer's SQLite has no unnest() nor ::casts; it never imports 10,000 people.
        verdict = self._verdict()
        QualificationCheck.objects.bulk_create(
            [
                QualificationCheck(
                    staff_id=staff_id,
                    condition=condition,
                    status=CheckStatus.PASSED if passed else CheckStatus.PENDING,
                    evidence="",
                    verified_by=verdict["verified_by"] if passed else None,
                    verified_on=verdict["verified_on"] if passed else None,
                    note=str(verdict["note"]) if passed else "",
                )
                for staff_id, passed in people
                for condition in Condition
            ],
            batch_size=500,
            ignore_conflicts=True,
        )

    def _add_checks_unnest(self, people: list[tuple[int, bool]]) -> None:
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

    def after_import(self, dataset, result, **kwargs):
        # Unchanged people with fewer than six checks get the missing ones, pending.
        self._add_checks([(staff_id, False) for staff_id in set(self.to_ensure)])

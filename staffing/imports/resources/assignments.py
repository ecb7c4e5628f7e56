"""The resource of placements, each made by `assignment_create`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.fields import Field

from onsite.access import acts_on_self
from onsite.org.models import Assignment, Contract
from onsite.transitions import Refused
from staffing.imports.resources.base import Column, ImportResource, add_error
from staffing.imports.widgets import ContractByCode, Date, SiteByCode, Text, YesNo, text_of
from staffing.services.assignments import assignment_create, peak_headcount


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

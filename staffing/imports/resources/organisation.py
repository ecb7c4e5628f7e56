"""The resources of the organisation: dispatch companies, sites and contracts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _
from import_export.fields import Field

from onsite.models import PolicySetting
from onsite.org.models import Assignment, Company, Contract, Site
from onsite.org.schedule import format_schedule, parse_schedule
from onsite.signals import schedule_changed_send
from staffing.imports.resources.base import Column, ImportResource, add_error, ref
from staffing.imports.widgets import (
    ClientByName,
    CompanyByName,
    Date,
    Integer,
    SiteCodes,
    Text,
    text_of,
)
from staffing.services.assignments import peak_headcount

# A site's own late-arrival grace (SPEC §6), kept as a site policy setting until the site has a
# field for it; onsite/policy.py registers the key and its default.
GRACE_POLICY_KEY = "late_grace_minutes"
GRACE_MAXIMUM = 240


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
            schedule_changed_send(
                sender=Site, site_ids=[instance.pk], start=today.replace(day=1), end=today
            )
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

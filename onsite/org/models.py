"""The organisation (SPEC §2), the bottom layer every app builds on: companies, their departments
and positions, clients and their sites, contracts, the people placed and their placements.

These models lived in the staffing app and keep its tables (`staffing_company`, ...), their
history tables and their constraint and index names: the move changed no row."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from onsite.access import access_for
from onsite.org.schedule import Schedule
from onsite.org.validators import (
    SALARY_MAX,
    normalise_id_number,
    validate_birth_date,
    validate_id_matches_birth_date,
    validate_id_number,
    validate_phone,
    validate_schedule,
)

# The tables keep the names they had in the staffing app, so moving the models moved no data.
OLD_APP = "staffing"


class KeptHistory(HistoricalRecords):
    """History whose tables keep their staffing names: `staffing_historicalcompany`, and for the
    contract's sites `staffing_historicalcontract_sites` (django-simple-history names an m2m
    history table after the app and offers no option for it)."""

    def create_history_model(self, model, inherited):
        if self.table_name is None and not inherited:
            self.table_name = f"{OLD_APP}_historical{model._meta.model_name}"
        return super().create_history_model(model, inherited)

    def get_meta_options_m2m(self, through_model):
        options = super().get_meta_options_m2m(through_model)
        options["db_table"] = f"{OLD_APP}_{self.get_history_model_name(through_model).lower()}"
        return options


class Company(models.Model):
    """A dispatch company (外包公司), the employer of the staff it places."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    history = KeptHistory()

    class Meta:
        db_table = "staffing_company"
        verbose_name = _("dispatch company")
        verbose_name_plural = _("dispatch companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="departments", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=120)
    history = KeptHistory()

    class Meta:
        db_table = "staffing_department"
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["company", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="department_name_per_company")
        ]

    def __str__(self) -> str:
        return self.name


class Client(models.Model):
    """A client organisation (客户单位) that hosts staff at its sites."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    history = KeptHistory()

    class Meta:
        db_table = "staffing_client"
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SiteQuerySet(models.QuerySet):
    def visible_to(self, user) -> SiteQuerySet:
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        companies = access.hr_companies | access.manager_companies | access.finance_companies
        q = Q(pk__in=access.supervised_sites | access.client_sites)
        if companies:
            q |= Q(Exists(Contract.objects.filter(sites=OuterRef("pk"), company_id__in=companies)))
        if access.manager_departments:
            q |= Q(
                Exists(
                    Assignment.objects.filter(
                        site=OuterRef("pk"), staff__department_id__in=access.manager_departments
                    )
                )
            )
        if access.staff_id:
            q |= Q(Exists(Assignment.objects.filter(site=OuterRef("pk"), staff_id=access.staff_id)))
        return self.filter(q)


class Site(models.Model):
    """A place (驻场地点) where staff work, with its own schedule and supervisors."""

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="sites", verbose_name=_("client")
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=255, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    schedule = models.CharField(
        _("work schedule"),
        max_length=120,
        blank=True,
        validators=[validate_schedule],
        help_text=_("Work periods of a day, for example 08:30-12:00,14:00-17:30"),
    )
    history = KeptHistory()

    objects = SiteQuerySet.as_manager()

    class Meta:
        db_table = "staffing_site"
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def periods(self) -> tuple:
        """The schedule as periods, for showing it as a list rather than a string."""
        return Schedule.parse(self.schedule).periods if self.schedule else ()


class Contract(models.Model):
    """A service contract (服务合同) of a company with a client, with its headcount quota."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("company")
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("client")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    headcount = models.PositiveIntegerField(_("headcount quota"))
    sites = models.ManyToManyField(Site, related_name="contracts", verbose_name=_("sites"))
    terms = models.TextField(_("service terms"), blank=True)
    history = KeptHistory(m2m_fields=[sites])

    class Meta:
        db_table = "staffing_contract"
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=F("end")), name="contract_start_before_end"
            )
        ]

    def __str__(self) -> str:
        return self.code


class Position(models.Model):
    """A job (岗位) with its duties (岗位职责书)."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="positions", verbose_name=_("company")
    )
    title = models.CharField(_("title"), max_length=120)
    duties = models.TextField(_("duties"), blank=True)
    history = KeptHistory()

    class Meta:
        db_table = "staffing_position"
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["company", "title"]
        constraints = [
            models.UniqueConstraint(fields=["company", "title"], name="position_title_per_company")
        ]

    def __str__(self) -> str:
        return self.title


class StaffStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    QUALIFIED = "qualified", _("Qualified")
    ON_SITE = "on_site", _("On site")
    LEAVING = "leaving", _("Leaving")
    LEFT = "left", _("Left")
    SUSPENDED = "suspended", _("Suspended")
    BANNED = "banned", _("Banned")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class StaffQuerySet(models.QuerySet):
    def visible_to(self, user) -> StaffQuerySet:
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        q = Q(company_id__in=access.hr_companies | access.manager_companies)
        q |= Q(department_id__in=access.manager_departments)
        if access.supervised_sites:
            q |= Q(
                Exists(
                    Assignment.objects.filter(
                        staff=OuterRef("pk"), site_id__in=access.supervised_sites
                    )
                )
            )
        if access.staff_id:
            q |= Q(pk=access.staff_id)
        return self.filter(q)


def mask_id_number(value: str) -> str:
    """SPEC §2: the first three and last four characters, the rest hidden."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


class Staff(models.Model):
    """A dispatched person (驻场人员)."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="staff", verbose_name=_("company")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("department"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("position"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_record",
        verbose_name=_("login"),
    )
    staff_no = models.CharField(_("staff number"), max_length=40)
    name = models.CharField(_("full name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), validators=[validate_birth_date])
    nationality = models.CharField(_("nationality"), max_length=40, default="中国")
    id_number = models.CharField(
        _("ID card number"), max_length=18, blank=True, validators=[validate_id_number]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    education = models.CharField(_("education"), max_length=60, blank=True)
    employment_start = models.DateField(_("employment start"), null=True, blank=True)
    # 参加工作时间: annual leave follows service with every employer, not only this one.
    career_start = models.DateField(
        _("started working"),
        null=True,
        blank=True,
        help_text=_("For annual leave; when empty, the employment start is used."),
    )
    monthly_salary = models.DecimalField(
        _("monthly salary"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(SALARY_MAX)],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StaffStatus.choices, default=StaffStatus.CANDIDATE
    )
    history = KeptHistory()

    objects = StaffQuerySet.as_manager()

    # Fields whose values only an HR admin of the person's company may read (SPEC §2).
    HR_ONLY_FIELDS = {"id_number": mask_id_number, "monthly_salary": lambda value: "—"}

    class Meta:
        db_table = "staffing_staff"
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["staff_no"]
        constraints = [
            models.UniqueConstraint(fields=["company", "staff_no"], name="staff_no_per_company"),
            models.UniqueConstraint(
                fields=["company", "id_number"],
                condition=~Q(id_number=""),
                name="staff_id_number_per_company",
            ),
            models.CheckConstraint(
                condition=Q(monthly_salary__gte=0), name="staff_salary_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["company", "status"], name="staff_company_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.staff_no})"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    def clean(self) -> None:
        self.id_number = normalise_id_number(self.id_number)
        if self.id_number and self.birth_date:
            try:
                validate_id_matches_birth_date(self.id_number, self.birth_date)
            except ValidationError as error:
                raise ValidationError({"birth_date": error.messages}) from error


def assignment_scope(user, prefix: str = "") -> Q:
    """Who sees what happens to one placement: HR and managers of the person's company (or
    department), the supervisors of that placement's site, and the person. A supervisor of
    another site does not, even one the person once worked at."""
    access = access_for(user)
    if access.is_superuser:
        return Q()
    q = Q(**{f"{prefix}staff__company_id__in": access.hr_companies | access.manager_companies})
    q |= Q(**{f"{prefix}staff__department_id__in": access.manager_departments})
    q |= Q(**{f"{prefix}site_id__in": access.supervised_sites})
    if access.staff_id:
        q |= Q(**{f"{prefix}staff_id": access.staff_id})
    return q


# The one rule for which placement a person's day belongs to when several cover it: their own
# (regular) placement before a backup one, then the latest started, then the first recorded.
PLACEMENT_ORDER = ("backup", "-start", "pk")


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AssignmentQuerySet:
        return self.filter(assignment_scope(user))

    def overlapping(self, first: datetime.date, last: datetime.date | None) -> AssignmentQuerySet:
        """Placements with at least one day in first..last (no `last`: from `first` on)."""
        found = self.filter(Q(end__isnull=True) | Q(end__gte=first))
        return found if last is None else found.filter(start__lte=last)

    def active_on(self, day: datetime.date) -> AssignmentQuerySet:
        return self.overlapping(day, day)

    def by_precedence(self) -> AssignmentQuerySet:
        """In PLACEMENT_ORDER: for each person, the placement that wins a day comes first."""
        return self.order_by(*PLACEMENT_ORDER)

    def placement_of(self, staff, day: datetime.date) -> Assignment | None:
        """The placement `staff` (a Staff or its id) is judged at on `day`, with its site."""
        return (
            self.filter(staff=staff).active_on(day).by_precedence().select_related("site").first()
        )

    def active_today(self) -> AssignmentQuerySet:
        return self.active_on(timezone.localdate())


class Assignment(models.Model):
    """A placement (派驻) of a person at a site under a contract."""

    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("staff member")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("site")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("contract")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("position")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    backup = models.BooleanField(_("backup person"), default=False)
    history = KeptHistory()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        db_table = "staffing_assignment"
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__lte=F("end")),
                name="assignment_start_before_end",
            )
        ]
        # Shaped like "who is at this site on this day", asked by dashboards and attendance.
        indexes = [models.Index(fields=["site", "start", "end"], name="assignment_site_period")]

    def __str__(self) -> str:
        return f"{self.staff} @ {self.site}"

"""Policy numbers (SPEC: every number is a policy default), as a registry each app fills from its
AppConfig.ready(): `policy_area_add` for a group of the policy page, `policy_key_add` for each
number with its type, default, bounds and plain-language explanation.

A value is read from the site's setting, else the company's, else the registered default, in one
query, and comes out as its type's Python value: int, Decimal (money keeps its cents), time, bool,
or the choice's str. PolicySetting.value stores every type as a number (see PolicyType)."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from onsite.transitions import Refused

# The largest number PolicySetting.value holds (10 digits, 2 of them decimals).
MAXIMUM = 99_999_999
CENT = Decimal("0.01")

# Sent inside the saving transaction for every value set or cleared (key, company, site): an app
# whose past results depend on a key (attendance judges days again) listens here.
policy_changed = Signal()


class PolicyType(enum.Enum):
    """How a value is typed, stored and entered. Storage is PolicySetting.value (a decimal):
    numbers as themselves, a time of day as minutes after midnight, yes/no as 1/0, a choice as
    its declared code, so that adding a type needs no migration."""

    INTEGER = "integer"
    DECIMAL = "decimal"
    MINUTES = "minutes"
    TIME = "time"
    DAYS = "days"
    YES_NO = "yes_no"
    CHOICE = "choice"


WHOLE = (PolicyType.INTEGER, PolicyType.MINUTES, PolicyType.DAYS)


@dataclass(frozen=True)
class PolicyArea:
    """A group of the policy page (one form each)."""

    key: str
    label: str
    order: int = 100
    # (label, URL name) of a page that belongs with this group, opened for the same company.
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PolicyChoice:
    code: int  # what is stored; never reuse a code for another meaning
    value: str  # what the code reads
    label: str  # what people see


@dataclass(frozen=True)
class PolicyKey:
    key: str
    type: PolicyType
    default: Any
    label: str
    # One line in plain words: what the number does to whom.
    explanation: str
    area: str
    # For integers and decimals ("years", "CNY"); minutes and days say their own.
    unit: str = ""
    minimum: Any = None
    maximum: Any = None
    choices: tuple[PolicyChoice, ...] = ()
    # The SPEC section the number feeds: for readers of the code, never shown on a page.
    source: str = ""
    _codes: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        if self.type is PolicyType.CHOICE and not self.choices:
            raise ImproperlyConfigured(f"policy {self.key}: a choice needs choices")
        self._codes.update({c.code: c.value for c in self.choices})
        if self.type is PolicyType.DECIMAL:
            # Money keeps its cents whether it comes from the default or the database.
            object.__setattr__(self, "default", Decimal(self.default).quantize(CENT))

    @property
    def unit_label(self) -> str:
        if self.type is PolicyType.MINUTES:
            return _("minutes")
        if self.type is PolicyType.DAYS:
            return _("days")
        return str(self.unit)

    @property
    def low(self):
        if self.minimum is not None:
            return self.minimum
        return {PolicyType.TIME: datetime.time(0, 0)}.get(self.type, 0)

    @property
    def high(self):
        if self.maximum is not None:
            return self.maximum
        if self.type is PolicyType.TIME:
            return datetime.time(23, 59)
        if self.type is PolicyType.DECIMAL:
            return Decimal(MAXIMUM) + Decimal("0.99")
        return MAXIMUM

    # Stored number <-> Python value.

    def read(self, stored: Decimal | int):
        if self.type in WHOLE:
            return int(stored)
        if self.type is PolicyType.DECIMAL:
            return Decimal(stored).quantize(CENT)
        if self.type is PolicyType.TIME:
            minutes = int(stored)
            return datetime.time(minutes // 60, minutes % 60)
        if self.type is PolicyType.YES_NO:
            return bool(stored)
        # A code no longer declared reads as the default rather than failing a page.
        return self._codes.get(int(stored), self.default)

    def store(self, value) -> Decimal:
        if self.type is PolicyType.TIME:
            return Decimal(value.hour * 60 + value.minute)
        if self.type is PolicyType.YES_NO:
            return Decimal(1 if value else 0)
        if self.type is PolicyType.CHOICE:
            return Decimal(next(c.code for c in self.choices if c.value == value))
        return Decimal(value).quantize(CENT)

    def clean(self, value):
        """`value` when it is of this key's type and within its bounds; else Refused with a
        message naming the number and what it takes."""
        if self.type is PolicyType.CHOICE:
            if value not in self._codes.values():
                raise Refused(self.wrong())
            return value
        if self.type is PolicyType.YES_NO:
            if not isinstance(value, bool):
                raise Refused(self.wrong())
            return value
        if self.type is PolicyType.TIME:
            if not isinstance(value, datetime.time) or value.second or value.microsecond:
                raise Refused(self.wrong())
        elif not self._is_number(value):
            raise Refused(self.wrong())
        if not self.low <= value <= self.high:
            raise Refused(self.wrong())
        return value

    def _is_number(self, value) -> bool:
        """An int for the whole-number types; an int or a Decimal of cents for amounts."""
        if isinstance(value, bool):
            return False
        if self.type in WHOLE:
            return isinstance(value, int)
        if isinstance(value, Decimal):
            return value.is_finite() and value == value.quantize(CENT, rounding="ROUND_DOWN")
        return isinstance(value, int)

    def wrong(self) -> str:
        """What this number takes, as the message for a value it does not."""
        if self.type is PolicyType.YES_NO:
            return _("Choose yes or no.")
        if self.type is PolicyType.CHOICE:
            return _("Choose one of the options.")
        bounds = {"low": self.display(self.low), "high": self.display(self.high)}
        if self.type is PolicyType.DECIMAL:
            return _("Enter an amount from %(low)s to %(high)s, at most two decimals.") % bounds
        if self.type is PolicyType.TIME:
            return _("Enter a time of day from %(low)s to %(high)s, such as 08:30.") % bounds
        return _("Enter a whole number from %(low)s to %(high)s.") % bounds

    def display(self, value) -> str:
        if self.type is PolicyType.TIME:
            return value.strftime("%H:%M")
        if self.type is PolicyType.YES_NO:
            return _("Yes") if value else _("No")
        if self.type is PolicyType.CHOICE:
            return str(next(c.label for c in self.choices if c.value == value))
        if self.type is PolicyType.DECIMAL:
            return number_format(value, decimal_pos=2)
        return str(value)

    def form_field(self, *, initial) -> forms.Field:
        """The field that enters this number on the policy page; every error reads the same
        message, which says what the number takes."""
        message = self.wrong()
        errors = {
            key: message
            for key in (
                "required",
                "invalid",
                "invalid_choice",
                "min_value",
                "max_value",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
            )
        }
        common = {"label": self.label, "help_text": self.explanation, "initial": initial}
        if self.type is PolicyType.CHOICE:
            return forms.ChoiceField(
                choices=[(c.value, c.label) for c in self.choices], error_messages=errors, **common
            )
        if self.type is PolicyType.YES_NO:
            return forms.TypedChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda answer: answer == "yes",
                widget=forms.RadioSelect,
                error_messages=errors,
                **{**common, "initial": "yes" if initial else "no"},
            )
        bounds = [MinValueValidator(self.low), MaxValueValidator(self.high)]
        if self.type is PolicyType.TIME:
            return forms.TimeField(
                input_formats=["%H:%M"],
                widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
                validators=bounds,
                error_messages=errors,
                **common,
            )
        if self.type is PolicyType.DECIMAL:
            field_ = forms.DecimalField(
                max_digits=10,
                decimal_places=2,
                min_value=self.low,
                max_value=self.high,
                error_messages=errors,
                **common,
            )
            field_.widget.attrs.update(step="0.01", inputmode="decimal")
            return field_
        field_ = forms.IntegerField(
            min_value=self.low, max_value=self.high, error_messages=errors, **common
        )
        field_.widget.attrs.update(inputmode="numeric")
        return field_


POLICIES: dict[str, PolicyKey] = {}
AREAS: dict[str, PolicyArea] = {}


def policy_area_add(area: PolicyArea) -> None:
    AREAS[area.key] = area


def policy_key_add(*keys: PolicyKey) -> None:
    """Register numbers; a key registered twice by different declarations is a mistake."""
    for key in keys:
        if key.area not in AREAS:
            raise ImproperlyConfigured(f"policy {key.key}: add area {key.area!r} first")
        known = POLICIES.get(key.key)
        if known is not None and known != key:
            raise ImproperlyConfigured(f"policy {key.key} is registered twice")
        POLICIES[key.key] = key


def areas_in_order() -> list[tuple[PolicyArea, list[PolicyKey]]]:
    """Every area with its keys, in the order they were registered."""
    return [
        (area, [k for k in POLICIES.values() if k.area == area.key])
        for area in sorted(AREAS.values(), key=lambda a: a.order)
    ]


class Policy:
    """The effective values for one company and, optionally, one site: one query."""

    def __init__(self, *, company=None, site=None):
        from onsite.models import PolicySetting

        scope = Q(pk__in=[])
        if company is not None:
            scope |= Q(company=company)
        if site is not None:
            scope |= Q(site=site)
        self._values: dict[str, Decimal] = {}
        # Which level set each value ("company" or "site"), for the policy page.
        self.levels: dict[str, str] = {}
        # Site settings are applied last so that they win over the company's.
        rows = PolicySetting.objects.filter(scope).values_list("key", "value", "site_id")
        for key, value, site_id in sorted(rows, key=lambda row: row[2] is not None):
            self._values[key] = value
            self.levels[key] = "company" if site_id is None else "site"

    def __getitem__(self, key: str):
        rule = POLICIES[key]
        if key not in self._values:
            return rule.default
        return rule.read(self._values[key])

    def __getattr__(self, key: str):
        if key.startswith("_") or key not in POLICIES:
            raise AttributeError(key)
        return self[key]


class PolicyTable:
    """The values of some keys for every company and site, from one query: for pages that
    judge many people of many sites at once. Resolved as Policy resolves one scope."""

    def __init__(self, keys: Iterable[str]):
        from onsite.models import PolicySetting

        self._company: dict[tuple[int, str], Any] = {}
        self._site: dict[tuple[int, str], Any] = {}
        rows = PolicySetting.objects.filter(key__in=list(keys)).values_list(
            "key", "value", "company_id", "site_id"
        )
        for key, value, company_id, site_id in rows:
            if site_id is not None:
                self._site[(site_id, key)] = POLICIES[key].read(value)
            else:
                self._company[(company_id, key)] = POLICIES[key].read(value)

    def value(self, key: str, *, company_id: int | None = None, site_id: int | None = None):
        if (site_id, key) in self._site:
            return self._site[(site_id, key)]
        return self._company.get((company_id, key), POLICIES[key].default)

    def every_value(self, key: str) -> list:
        """The default and every value some company or site set."""
        return [
            POLICIES[key].default,
            *(v for (_owner, k), v in (*self._company.items(), *self._site.items()) if k == key),
        ]


def policy_for(*, company=None, site=None) -> Policy:
    return Policy(company=company, site=site)


def policy_set(*, key: str, value, company=None, site=None, by):
    """Set `key` for `company` or for `site` (exactly one); None clears it, so the site falls
    back to the company and the company to the default. Returns the row, or None once cleared.
    The history of PolicySetting records who changed what."""
    from onsite.models import PolicySetting

    if (company is None) == (site is None):
        raise ValueError("policy_set takes a company or a site")
    rule = POLICIES.get(key)
    if rule is None:
        raise Refused(_("Unknown policy."))
    if value is not None:
        try:
            rule.clean(value)
        except (InvalidOperation, TypeError):
            raise Refused(rule.wrong()) from None
        stored = rule.store(value)
    with transaction.atomic():
        row = (
            PolicySetting.objects.select_for_update()
            .filter(key=key, company=company, site=site)
            .first()
        )
        if row is None and value is None:
            return None
        if row is not None and value is not None and row.value == stored:
            return row
        row = row or PolicySetting(key=key, company=company, site=site)
        row._history_user = by
        if value is None:
            row.delete()
            row = None
        else:
            row.value = stored
            row.save()
        policy_changed.send(sender=PolicySetting, key=key, company=company, site=site)
    return row

"""How a cell of an import file becomes a value, and a value a cell of an export. Each refusal is
a ValueError whose message says, in the reader's language, what is wrong with the cell; the
resource files it under the cell's column. Widgets that look records up get the run's
ImportContext as the `context` keyword, which import_data passes down to every row."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export.widgets import Widget

from onsite.org.models import Gender

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")
# Spreadsheet programs write a date cell saved as text with a midnight time after it.
MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")
YES = frozenset({"yes", "y", "true", "1", "是", "√"})
NO = frozenset({"no", "n", "false", "0", "否", "×"})
GENDERS = {
    "male": Gender.MALE,
    "m": Gender.MALE,
    "男": Gender.MALE,
    "female": Gender.FEMALE,
    "f": Gender.FEMALE,
    "女": Gender.FEMALE,
}
GENDER_LABELS = {Gender.MALE: "男", Gender.FEMALE: "女"}


def text_of(value, *, compatible: bool = False) -> str:
    """The cell as text; `compatible` also folds full-width letters and digits (codes, numbers)."""
    if value is None:
        return ""
    text = str(value)
    text = unicodedata.normalize("NFKC" if compatible else "NFC", text)
    return text.strip()


def empty_cell() -> ValueError:
    return ValueError(_("This cell is empty; a value is required."))


class Text(Widget):
    def __init__(self, *, max_length: int, required: bool = False, code: bool = False):
        super().__init__()
        self.max_length = max_length
        self.required = required
        self.code = code

    def clean(self, value, row=None, **kwargs) -> str:
        text = text_of(value, compatible=self.code)
        if not text and self.required:
            raise empty_cell()
        if len(text) > self.max_length:
            raise ValueError(
                _("At most %(limit)s characters are allowed; this cell has %(count)s.")
                % {"limit": self.max_length, "count": len(text)}
            )
        return text


class Date(Widget):
    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs) -> datetime.date | None:
        text = MIDNIGHT.sub("", text_of(value, compatible=True))
        if not text:
            if self.required:
                raise empty_cell()
            return None
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date; write it like 2026-03-01.") % {"value": text}
        )

    def render(self, value, obj=None, **kwargs) -> str:
        return value.isoformat() if value else ""


class Integer(Widget):
    def __init__(self, *, minimum: int, maximum: int | None = None, required: bool = False):
        super().__init__()
        self.minimum = minimum
        self.maximum = maximum
        self.required = required

    def clean(self, value, row=None, **kwargs) -> int | None:
        text = text_of(value, compatible=True)
        if not text:
            if self.required:
                raise empty_cell()
            return None
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
        number = int(text)
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            if self.maximum is None:
                raise ValueError(
                    _("%(value)s is too small; the least allowed is %(minimum)s.")
                    % {"value": number, "minimum": self.minimum}
                )
            raise ValueError(
                _("%(value)s is out of range; write a number from %(minimum)s to %(maximum)s.")
                % {"value": number, "minimum": self.minimum, "maximum": self.maximum}
            )
        return number


class Amount(Widget):
    """A sum of money in yuan, not negative, with at most two decimals."""

    def __init__(self, *, max_digits: int = 10, places: int = 2):
        super().__init__()
        self.max_digits = max_digits
        self.places = places

    def clean(self, value, row=None, **kwargs) -> Decimal | None:
        text = text_of(value, compatible=True).replace(",", "").removeprefix("¥").strip()
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValueError(
                _("“%(value)s” is not an amount; write it like 6500 or 6500.50.") % {"value": text}
            )
        if amount < 0:
            raise ValueError(_("The amount must not be negative."))
        if amount != amount.quantize(Decimal(1).scaleb(-self.places)):
            raise ValueError(_("An amount has at most two decimal places."))
        if amount >= Decimal(10) ** (self.max_digits - self.places):
            raise ValueError(_("%(value)s is too large for an amount.") % {"value": text})
        return amount

    def render(self, value, obj=None, **kwargs) -> str:
        return "" if value is None else f"{value:.2f}"


class GenderChoice(Widget):
    def clean(self, value, row=None, **kwargs) -> str:
        text = text_of(value, compatible=True)
        if not text:
            raise empty_cell()
        gender = GENDERS.get(text.lower())
        if gender is None:
            raise ValueError(
                _("“%(value)s” is not a gender; write 男 or 女 (or male or female).")
                % {"value": text}
            )
        return gender

    def render(self, value, obj=None, **kwargs) -> str:
        return GENDER_LABELS.get(value, "")


class YesNo(Widget):
    """是/否, yes/no (also y/n, true/false, 1/0); an empty cell means no."""

    def clean(self, value, row=None, **kwargs) -> bool:
        text = text_of(value, compatible=True).lower()
        if not text or text in NO:
            return False
        if text in YES:
            return True
        raise ValueError(
            _("“%(value)s” is neither yes nor no; write 是 or 否 (or yes or no).") % {"value": text}
        )

    def render(self, value, obj=None, **kwargs) -> str:
        return "是" if value else "否"


class CompanyByName(Text):
    def __init__(self):
        super().__init__(max_length=120, required=True)

    def clean(self, value, row=None, *, context, **kwargs):
        return context.company(super().clean(value))

    def render(self, value, obj=None, **kwargs) -> str:
        return value.name if value else ""


class ClientByName(Text):
    def __init__(self, *, create: bool):
        super().__init__(max_length=120, required=True)
        self.create = create

    def clean(self, value, row=None, *, context, **kwargs):
        return context.client(super().clean(value), create=self.create)


class SiteCodes(Widget):
    """Site codes separated by `;` (a full-width ； too)."""

    def clean(self, value, row=None, *, context, **kwargs) -> list:
        text = text_of(value, compatible=True)
        codes = list(dict.fromkeys(code.strip() for code in text.split(";") if code.strip()))
        return context.site_list(codes)

    def render(self, value, obj=None, **kwargs) -> str:
        return ";".join(site.code for site in value or ())


class ContractByCode(Text):
    def __init__(self):
        super().__init__(max_length=40, required=True, code=True)

    def clean(self, value, row=None, *, context, **kwargs):
        return context.contract(super().clean(value))


class SiteByCode(Text):
    def __init__(self):
        super().__init__(max_length=40, required=True, code=True)

    def clean(self, value, row=None, *, context, **kwargs):
        return context.site_list([super().clean(value)])[0]

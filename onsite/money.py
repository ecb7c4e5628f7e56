"""Money as people read it: yuan with a thousands separator and two decimals (¥1,234.50). Money
is Decimal everywhere; a float never reaches here from our own code."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def cny(value) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"

"""Reading a Chinese e-invoice PDF (电子发票, SPEC §10): its number (发票号码, 8 digits on the older
VAT e-invoices, 20 on the fully digital ones) and its total (价税合计（小写）¥…), so the person
does not type them. The file is bounded before it is opened (size, pages, text read) and a PDF
that does not open, has no text layer (a scan) or says nothing recognisable gives nothing."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from staffing.models import AMOUNT_MAX

logger = logging.getLogger(__name__)

# An e-invoice is one page, with a list of goods at most a few more; beyond that it is no invoice.
MAX_PAGES = 5
# A real e-invoice weighs tens of kilobytes; a bigger file is a scan or something else.
MAX_BYTES = 5 * 1024 * 1024
# The text kept from all pages: an invoice's says everything in a few thousand characters.
MAX_TEXT = 20_000

# Matched on the NFKC form of the text: full-width colons, digits, brackets and ¥ read as ASCII.
NUMBER = re.compile(r"发\s*票\s*号\s*码\s*[:]?\s*(\d{20}|\d{8})(?!\d)")
TOTAL = re.compile(r"\(\s*小\s*写\s*\)\s*[:]?\s*¥?\s*(\d[\d,]*\.\d{2})(?!\d)")
# Some layouts drop the brackets, or the text layer puts the label after the figures.
LOWER_CASE = re.compile(r"小\s*写\s*[:]?\s*¥?\s*(\d[\d,]*\.\d{2})(?!\d)")
YUAN_FIGURE = re.compile(r"¥\s*(\d[\d,]*\.\d{2})(?!\d)")


@dataclass(frozen=True)
class InvoiceReading:
    number: str = ""
    amount: Decimal | None = None

    @property
    def found(self) -> bool:
        return bool(self.number) or self.amount is not None


NOTHING = InvoiceReading()


def invoice_text(data: bytes) -> str:
    """The text of the PDF's first MAX_PAGES pages, or "" when it is not a PDF we can read."""
    if len(data) > MAX_BYTES or not data.startswith(b"%PDF-"):
        return ""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return ""
        parts, size = [], 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size >= MAX_TEXT:
                break
    # A broken file raises anything from deep inside the parser (struct, key, recursion and
    # decompression errors among them); an unreadable invoice is typed, never a failed page.
    except Exception as error:
        logger.info("e-invoice not readable: %r", error)
        return ""
    return "\n".join(parts)[:MAX_TEXT]


def _amount(text: str) -> Decimal | None:
    found = TOTAL.search(text) or LOWER_CASE.search(text)
    # No label read: the largest ¥ figure is the total (it sums the lines and their tax).
    raws = [found.group(1)] if found else YUAN_FIGURE.findall(text)
    values = []
    for raw in raws:
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            continue
        if Decimal("0") < value <= AMOUNT_MAX:
            values.append(value)
    return max(values) if values else None


def invoice_parse(text: str) -> InvoiceReading:
    """The number and the total found in an invoice's text."""
    text = unicodedata.normalize("NFKC", text or "")[:MAX_TEXT]
    number = NUMBER.search(text)
    return InvoiceReading(number=number.group(1) if number else "", amount=_amount(text))


def invoice_read(file) -> InvoiceReading:
    """What an uploaded e-invoice says; NOTHING when it is too big, not a PDF or without text."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        return NOTHING
    file.seek(0)
    data = file.read(MAX_BYTES + 1)
    file.seek(0)
    text = invoice_text(data)
    return invoice_parse(text) if text else NOTHING

"""Reading generated PDFs in tests: their text, fonts and pages, and pictures of the pages."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def pdf_text(data: bytes) -> str:
    """The text of every page, pages separated by a newline."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> set[str]:
    """The base font names used on all pages, a Type0 font's descendants included; a subset
    keeps its tag (`ABCDEF+NotoSansCJKsc-Regular`)."""
    return {name for name, _ in _fonts(data)}


def pdf_embedded_fonts(data: bytes) -> set[str]:
    """The base font names whose font program is in the file (FontFile, FontFile2 or FontFile3)."""
    return {name for name, font in _fonts(data) if _font_file(font)}


def _fonts(data: bytes):
    for page in PdfReader(io.BytesIO(data)).pages:
        yield from _fonts_in(page.get("/Resources"), seen=set())


def _fonts_in(resources, seen: set[int]):
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject):
        return
    for font in _resolve(resources.get("/Font", {})).values():
        font = _resolve(font)
        yield str(font.get("/BaseFont", "")).lstrip("/"), font
        for descendant in _resolve(font.get("/DescendantFonts", [])):
            descendant = _resolve(descendant)
            yield str(descendant.get("/BaseFont", "")).lstrip("/"), descendant
    # Forms and patterns drawn on the page have resources of their own.
    for kind in ("/XObject", "/Pattern"):
        for item in _resolve(resources.get(kind, {})).values():
            item = _resolve(item)
            if id(item) not in seen and "/Resources" in item:
                seen.add(id(item))
                yield from _fonts_in(item["/Resources"], seen)


def _font_file(font) -> bool:
    descriptor = _resolve(font.get("/FontDescriptor"))
    return isinstance(descriptor, DictionaryObject) and any(key in descriptor for key in FONT_FILES)


def _resolve(value):
    return value.get_object() if hasattr(value, "get_object") else value


def pdf_to_pngs(data: bytes, out_dir: Path, *, resolution: int = 60) -> list[Path]:
    """One PNG a page, drawn by poppler's pdftoppm (poppler-utils, from scripts/ensure-system)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = out_dir / "document.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(source), str(out_dir / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(out_dir.glob("page-*.png"))

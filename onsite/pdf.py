"""Printable documents: a Django template rendered to HTML, then to PDF by WeasyPrint.

The handover form, the attendance sheet and the assessment sheets extend `pdf/base.html`, whose
print CSS (`static/onsite/pdf.css`) names the Noto CJK fonts of Debian's fonts-noto-cjk. WeasyPrint
embeds the subset of glyphs a document uses, so the PDF reads the same on a machine without them.

WeasyPrint is imported inside the functions: it takes most of a second to import, and this module
is imported at start-up by every process for its system check.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import mimetypes
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import checks
from django.http import HttpResponse
from django.template.loader import render_to_string

# Relative links in a document resolve against this origin. The .invalid top-level domain never
# resolves (RFC 2606), and the URL fetcher below answers for it from the static folders.
PDF_BASE_URL = "https://onsite.invalid/"

# The families pdf.css asks for first; the check warns when fontconfig resolves none of them.
CJK_FONT_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")


class PDFResourceRefused(ValueError):
    """A document asked for a URL that is not one of the project's static files."""


def render_pdf(*, template: str, context: dict, base_url: str | None = None) -> bytes:
    """The template rendered with `context`, as the bytes of a PDF.

    Relative links resolve against `base_url` (PDF_BASE_URL unless given, e.g. a view's
    `request.build_absolute_uri("/")`); only the static files under it are ever loaded.
    """
    return html_to_pdf(render_to_string(template, context), base_url=base_url)


def render_pdf_batch(*, template: str, contexts: list[dict], base_url: str | None = None) -> bytes:
    """One PDF holding the template rendered once per context, e.g. the assessment sheets of a
    site. Each part keeps its own page numbers ("第 1 页 / 共 2 页" counts within the part)."""
    from weasyprint.text.fonts import FontConfiguration

    if not contexts:
        raise ValueError("a batch needs at least one context")
    font_config = FontConfiguration()
    parts = [
        _html_document(render_to_string(template, context), base_url, font_config)
        for context in contexts
    ]
    pages = [page for part in parts for page in part.pages]
    return parts[0].copy(pages).write_pdf()


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """HTML, as rendered by a template extending pdf/base.html, as the bytes of a PDF."""
    from weasyprint.text.fonts import FontConfiguration

    return _html_document(html, base_url, FontConfiguration()).write_pdf()


def _html_document(html: str, base_url: str | None, font_config):
    from weasyprint import HTML

    base_url = base_url or PDF_BASE_URL
    document = HTML(
        string=html, base_url=base_url, url_fetcher=static_url_fetcher(base_url=base_url)
    ).render(font_config=font_config)
    # A Django block renders once, so the title block fills the heading, not <title>; the PDF's
    # own title (shown by browsers' PDF viewers) is then the first heading.
    if not document.metadata.title:
        bookmarks = document.make_bookmark_tree()
        if bookmarks:
            label, _target, _children, _state = bookmarks[0]
            document.metadata.title = label
    return document


def static_url_fetcher(*, base_url: str | None = None):
    """WeasyPrint's URL fetcher for a document at `base_url`.

    It serves the static files (pdf.css, a logo) from the folders the STATICFILES finders search,
    or from the collected files when the static URL carries a manifest hash, and `data:` URLs,
    which carry their bytes inline. It refuses every other URL, http(s) and file: alike: a
    template, or a value a user typed into one, can never make the server fetch from the network
    or read a file outside the static folders. WeasyPrint logs the refusal and renders without
    the resource.
    """
    return _fetcher_class()(base_url=base_url or PDF_BASE_URL)


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesURLFetcher(URLFetcher):
        def __init__(self, *, base_url: str):
            # urllib's handlers only ever see data: URLs; no redirect can lead anywhere else.
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)
            self.static_prefix = urljoin(base_url, settings.STATIC_URL)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url, self.static_prefix)
            if path is None:
                raise PDFResourceRefused(f"not a static file of this project: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            # The response keeps the requested URL, so links inside pdf.css stay under it.
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesURLFetcher


def _static_file(url: str, static_prefix: str) -> Path | None:
    address = urlsplit(url)
    prefix = urlsplit(static_prefix)
    if (address.scheme, address.netloc) != (prefix.scheme, prefix.netloc):
        return None
    if not address.path.startswith(prefix.path):
        return None
    name = unquote(address.path.removeprefix(prefix.path))
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts or "\\" in name or "\x00" in name:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if hasattr(staticfiles_storage, "path") and staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    return None


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """A response that opens the PDF in the browser (or downloads it, when not `inline`) under
    `filename`, which may be Chinese."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Content-Length"] = str(len(pdf))
    response["X-Content-Type-Options"] = "nosniff"
    # Forms carry names and ID numbers: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """`inline; filename="fallback.pdf"; filename*=UTF-8''…` (RFC 6266 and RFC 5987): browsers
    use the UTF-8 name; the ASCII one is for clients that know only `filename`."""
    filename = "".join(c for c in filename if unicodedata.category(c)[0] != "C")
    filename = filename.replace("/", "_").replace("\\", "_").strip() or "document.pdf"
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    ascii_stem = _ascii(stem) or "document"
    ascii_suffix = _ascii(suffix)
    fallback = f"{ascii_stem}.{ascii_suffix}" if ascii_suffix else ascii_stem
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text)
    return text.strip("._-")


def check_cjk_font_available() -> str | None:
    """The first of CJK_FONT_FAMILIES that fontconfig resolves to itself (as `fc-match -f
    '%{family}' 'Noto Sans CJK SC'` does), or None when it falls back to a font without them."""
    for family in CJK_FONT_FAMILIES:
        found = _fontconfig_family(family)
        if found and family.casefold() in (name.strip().casefold() for name in found.split(",")):
            return family
    return None


def _fontconfig_family(family: str) -> str | None:
    # The library pango itself loads, not the fc-match program: slim images (ours included)
    # install libfontconfig1 without the fontconfig package that holds fc-match.
    try:
        lib = _fontconfig()
    except OSError:
        return None
    pattern = lib.FcNameParse(family.encode())
    if not pattern:
        return None
    try:
        lib.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = lib.FcFontMatch(None, pattern, ctypes.byref(result))
        if not match:
            return None
        try:
            value = ctypes.c_char_p()
            if lib.FcPatternGetString(match, b"family", 0, ctypes.byref(value)) != 0:
                return None
            return value.value.decode()
        finally:
            lib.FcPatternDestroy(match)
    finally:
        lib.FcPatternDestroy(pattern)


@functools.cache
def _fontconfig() -> ctypes.CDLL:
    names = ("libfontconfig.so.1", "libfontconfig.1.dylib", ctypes.util.find_library("fontconfig"))
    for name in filter(None, names):
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError:
            continue
    else:
        raise OSError("libfontconfig not found")
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
    lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
    lib.FcFontMatch.restype = ctypes.c_void_p
    lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    lib.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    return lib


@checks.register()
def check_cjk_font(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if check_cjk_font_available():
        return []
    return [
        checks.Warning(
            "No CJK font found: PDFs would print Chinese as empty boxes.",
            hint=f"Install fonts-noto-cjk (scripts/ensure-system does), which provides "
            f"{' and '.join(CJK_FONT_FAMILIES)}.",
            id="onsite.W001",
        )
    ]

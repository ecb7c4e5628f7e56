import copy
import io
import re
import socket
from pathlib import Path
from urllib.parse import quote

import pytest
from django.template import engines
from pypdf import PdfReader

from onsite import pdf
from tests.pdf import pdf_embedded_fonts, pdf_fonts, pdf_page_count, pdf_text, pdf_to_pngs

HANDOVER = """{% extends "pdf/base.html" %}
{% block org %}恒信技术服务有限公司{% endblock %}
{% block title %}离场交接单{% endblock %}
{% block reference %}编号：LZ-2026-0001{% endblock %}
{% block content %}
<table class="fields">
  <tr><th>姓名</th><td>{{ name }}</td><th>驻场地点</th><td>甲机房</td></tr>
  <tr><th>交接人</th><td>{{ successor }}</td><th>离场原因</th><td>合同到期</td></tr>
</table>
<table>
  <thead><tr><th>序号</th><th>事项</th><th>经办人</th></tr></thead>
  <tbody>{% for item in items %}
    <tr><td>{{ forloop.counter }}</td><td>{{ item }}</td><td>王五</td></tr>{% endfor %}
  </tbody>
</table>
{% endblock %}
{% block signatures %}
<div class="signature"><div class="signature-label">离场人员</div><div class="signature-line"></div></div>
<div class="signature"><div class="signature-label">交接人</div><div class="signature-line"></div></div>
{% endblock %}
"""
ITEMS = ["工作交接", "财物移交", "证件退还", "注销账号"]
# Rows enough to run past the first A4 page and well short of the end of the second.
LONG_ITEMS = [f"交接事项第{n}项" for n in range(1, 41)]


def render(**context) -> bytes:
    html = (
        engines["django"]
        .from_string(HANDOVER)
        .render({"name": "张三", "successor": "李四", "items": ITEMS, **context})
    )
    return pdf.html_to_pdf(html)


@pytest.fixture(scope="module")
def handover() -> bytes:
    return render()


@pytest.fixture
def handover_template(settings):
    """HANDOVER as the template `handover.html`, beside the project's own templates."""
    engine = copy.deepcopy(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"handover.html": HANDOVER}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = [engine]
    return "handover.html"


def test_a_template_renders_to_a_pdf_with_its_chinese_text(handover_template):
    data = pdf.render_pdf(
        template=handover_template,
        context={"name": "张三", "successor": "李四", "items": ITEMS},
    )

    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for words in ("离场交接单", "恒信技术服务有限公司", "张三", "李四", "注销账号", "离场人员"):
        assert words in text


def test_the_pdf_title_is_the_heading(handover):
    assert PdfReader(io.BytesIO(handover)).metadata.title == "离场交接单"


def test_the_chinese_text_is_in_an_embedded_subset_of_a_cjk_font(handover):
    cjk = {name for name in pdf_fonts(handover) if "CJK" in name}

    assert cjk, pdf_fonts(handover)
    assert cjk <= pdf_embedded_fonts(handover)
    # A subset carries a six-letter tag before its name: only the glyphs used are embedded.
    assert all(re.fullmatch(r"[A-Z]{6}\+.+", name) for name in cjk)


def test_a_one_page_document_says_page_1_of_1(handover):
    assert pdf_page_count(handover) == 1
    assert "第 1 页 / 共 1 页" in pdf_text(handover)


def test_a_long_document_has_two_pages_numbered_in_the_footer():
    data = render(items=LONG_ITEMS)

    assert pdf_page_count(data) == 2
    text = pdf_text(data)
    assert "第 1 页 / 共 2 页" in text
    assert "第 2 页 / 共 2 页" in text
    # The table's header row is printed again at the top of the second page.
    assert text.count("序号") == 2


def test_a_batch_numbers_the_pages_of_each_part_on_their_own(handover_template):
    data = pdf.render_pdf_batch(
        template=handover_template,
        contexts=[
            {"name": "张三", "successor": "李四", "items": ITEMS},
            {"name": "李四", "successor": "王五", "items": ITEMS},
        ],
    )

    assert pdf_page_count(data) == 2
    assert pdf_text(data).count("第 1 页 / 共 1 页") == 2


def test_the_fetcher_serves_the_print_css_from_the_static_folder():
    response = pdf.static_url_fetcher().fetch(pdf.PDF_BASE_URL + "static/onsite/pdf.css")

    assert response.content_type == "text/css"
    assert b"Noto Sans CJK SC" in response.read()


def test_the_fetcher_reads_a_data_url_inline():
    response = pdf.static_url_fetcher().fetch("data:text/css,p%7Bcolor:red%7D")

    assert response.read() == b"p{color:red}"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/static/onsite/pdf.css",
        "file:///etc/passwd",
        pdf.PDF_BASE_URL + "static/../onsite/settings.py",
        pdf.PDF_BASE_URL + "static/%2e%2e/onsite/settings.py",
        pdf.PDF_BASE_URL + "static//etc/passwd",
        pdf.PDF_BASE_URL + "media/contracts/1.pdf",
        pdf.PDF_BASE_URL + "static/onsite/missing.css",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(pdf.PDFResourceRefused):
        pdf.static_url_fetcher().fetch(url)


def test_a_remote_image_is_left_out_without_touching_the_network(monkeypatch, caplog):
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use in a PDF render")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = (
        engines["django"]
        .from_string(
            '{% extends "pdf/base.html" %}{% block title %}离场交接单{% endblock %}'
            '{% block content %}<img src="http://example.com/logo.png">'
            '<link rel="stylesheet" href="https://cdn.example.com/x.css">{% endblock %}'
        )
        .render({})
    )

    data = pdf.html_to_pdf(html)

    assert data.startswith(b"%PDF-")
    assert "离场交接单" in pdf_text(data)
    assert attempts == []
    assert "http://example.com/logo.png" in caplog.text


def test_the_response_names_the_file_in_chinese_with_an_ascii_fallback():
    response = pdf.pdf_response(b"%PDF-1.7 ...", "离场交接单-张三.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == "12"
    assert response["Content-Disposition"] == (
        "inline; filename=\"document.pdf\"; filename*=UTF-8''" + quote("离场交接单-张三.pdf")
    )


def test_the_download_keeps_the_ascii_part_of_the_name_and_no_header_tricks():
    response = pdf.pdf_response(b"%PDF-", '考核表 2026Q1 "张三"\r\nX-Evil: 1.pdf', inline=False)

    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="2026Q1_X-Evil_1.pdf"; filename*=UTF-8')
    assert "\r" not in disposition and "\n" not in disposition
    assert '"' not in disposition.partition("filename*=")[2]


def test_a_page_is_drawn_as_a_png(handover, tmp_path):
    pngs = pdf_to_pngs(handover, tmp_path)

    assert [png.name for png in pngs] == ["page-1.png"]
    assert pngs[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    # A blank A4 page at 60 dpi compresses to a few hundred bytes; text and rules take more.
    assert pngs[0].stat().st_size > 10_000


def test_the_system_check_is_quiet_when_the_cjk_font_is_installed():
    assert pdf.check_cjk_font_available() == "Noto Sans CJK SC"
    assert pdf.check_cjk_font() == []


def test_the_system_check_warns_when_no_cjk_font_is_found(monkeypatch):
    monkeypatch.setattr(pdf, "CJK_FONT_FAMILIES", ("Nowhere Sans CJK",))

    assert pdf.check_cjk_font_available() is None
    [warning] = pdf.check_cjk_font()
    assert warning.id == "onsite.W001"


def test_pdf_css_names_the_fonts_the_check_looks_for():
    css = Path(pdf.__file__).resolve().parent.parent / "static" / "onsite" / "pdf.css"

    assert all(f'"{family}"' in css.read_text() for family in pdf.CJK_FONT_FAMILIES)

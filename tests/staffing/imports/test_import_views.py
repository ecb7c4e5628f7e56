import uuid

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from onsite.org.models import Staff
from staffing.imports.parsing import utf8_advice
from tests import factories
from tests.files import csv_file

HEADER = "工号,姓名,性别,出生日期,身份证号,外包公司\n"
GOOD = "H001,王芳,女,1992-04-18,310104199204180010,恒信技术服务\n"
BAD = "H002,陈明,男,1990-03-07,110101199003071234,恒信技术服务\n"  # wrong check digit


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, text: str, *, kind="staff", skip=False, name="staff.csv"):
    data = {"kind": kind, "file": csv_file([], name=name)}
    data["file"] = type(data["file"])(name, text.encode(), content_type="text/csv")
    if skip:
        data["skip_invalid"] = "on"
    return client.post(reverse("staffing:import_upload"), data)


def test_upload_page_offers_the_kinds_templates_and_roster(client, world):
    client.force_login(world.hr)
    text = client.get(reverse("staffing:import_upload")).content.decode()
    assert 'name="kind"' in text and 'type="file"' in text and 'name="skip_invalid"' in text
    assert reverse("staffing:import_template", args=["staff"]) in text
    assert reverse("staffing:roster_export") in text


def test_upload_keeps_the_file_privately_and_previews_without_changing_anything(
    client, world, settings
):
    client.force_login(world.hr)
    response = upload(client, HEADER + GOOD)
    assert response.status_code == 302
    token = response.url.strip("/").split("/")[-1]
    assert (settings.MEDIA_ROOT / "imports" / token / "upload.csv").exists()
    preview = client.get(response.url)
    text = preview.content.decode()
    assert 'data-testid="count-new">1<' in text
    assert 'data-testid="confirm"' in text
    assert not Staff.objects.filter(staff_no="H001").exists()


def test_preview_lists_each_bad_row_with_row_column_and_reason(client, world):
    client.force_login(world.hr)
    response = upload(client, HEADER + GOOD + BAD)
    text = client.get(response.url).content.decode()
    assert "<td>3</td>" in text
    assert "身份证号" in text
    assert "校验码" in text
    assert 'data-testid="count-invalid">1<' in text
    assert 'name="skip_invalid" value="1"' in text  # the button imports the good rows only


def test_confirm_imports_the_file_and_shows_the_result(client, world, settings):
    client.force_login(world.hr)
    preview_url = upload(client, HEADER + GOOD).url
    token = preview_url.strip("/").split("/")[-1]
    response = client.post(reverse("staffing:import_confirm", args=[token]))
    assert response.status_code == 302
    assert Staff.objects.filter(staff_no="H001").exists()
    assert not (settings.MEDIA_ROOT / "imports" / token / "upload.csv").exists()
    result = client.get(response.url).content.decode()
    assert 'data-testid="outcome"' in result
    assert 'data-testid="count-new">1<' in result
    # Confirming again imports nothing twice.
    client.post(reverse("staffing:import_confirm", args=[token]))
    assert Staff.objects.filter(staff_no="H001").count() == 1


def test_confirming_with_a_bad_row_imports_the_good_rows_only_when_asked(client, world):
    client.force_login(world.hr)
    token = upload(client, HEADER + GOOD + BAD).url.strip("/").split("/")[-1]
    client.post(reverse("staffing:import_confirm", args=[token]), {"skip_invalid": "1"})
    assert Staff.objects.filter(staff_no="H001").exists()
    assert not Staff.objects.filter(staff_no="H002").exists()


def test_without_skipping_a_bad_row_nothing_is_imported(client, world):
    client.force_login(world.hr)
    token = upload(client, HEADER + GOOD + BAD).url.strip("/").split("/")[-1]
    response = client.post(reverse("staffing:import_confirm", args=[token]))
    assert not Staff.objects.filter(staff_no="H001").exists()
    text = client.get(response.url).content.decode()
    assert _("Nothing was imported.") in text


def test_another_user_cannot_see_or_confirm_someone_elses_upload(client, world):
    other_hr = factories.UserFactory(username="hr2")
    factories.RoleGrantFactory(user=other_hr, role="hr_admin", company=world.company)
    client.force_login(world.hr)
    token = upload(client, HEADER + GOOD).url.strip("/").split("/")[-1]
    client.logout()
    client.force_login(other_hr)
    assert client.get(reverse("staffing:import_preview", args=[token])).status_code == 404
    assert client.post(reverse("staffing:import_confirm", args=[token])).status_code == 404
    assert client.get(reverse("staffing:import_result", args=[token])).status_code == 404
    assert not Staff.objects.filter(staff_no="H001").exists()


def test_an_unknown_upload_is_404(client, world):
    client.force_login(world.hr)
    assert client.get(reverse("staffing:import_preview", args=[uuid.uuid4()])).status_code == 404


def test_confirm_answers_post_only(client, world):
    client.force_login(world.hr)
    token = upload(client, HEADER + GOOD).url.strip("/").split("/")[-1]
    assert client.get(reverse("staffing:import_confirm", args=[token])).status_code == 405


def test_a_gbk_csv_is_refused_at_upload_with_advice(client, world):
    client.force_login(world.hr)
    data = {"kind": "staff", "file": type(csv_file([]))("staff.csv", (HEADER + GOOD).encode("gbk"))}
    response = client.post(reverse("staffing:import_upload"), data)
    assert response.status_code == 200
    assert utf8_advice() in response.content.decode()


def test_a_file_of_another_type_is_refused_at_upload(client, world):
    client.force_login(world.hr)
    data = {"kind": "staff", "file": type(csv_file([]))("staff.pdf", b"%PDF-1.4")}
    response = client.post(reverse("staffing:import_upload"), data)
    assert response.status_code == 200
    assert 'data-testid="file-error"' in response.content.decode()

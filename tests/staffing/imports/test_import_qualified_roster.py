"""A roster of people already checked on paper (`qualified=yes`), imported through the pages as
HR does it. It runs on SQLite too (`make test`): the checks were written by SQL that only
PostgreSQL understood, and the newcomer's database refused the whole file."""

from django.urls import reverse
from django.utils.translation import gettext as _

from onsite.org.models import StaffStatus
from staffing.models import CheckStatus
from tests.staffing.imports.test_import_staff import HEADER_EN, person
from tests.staffing.imports.test_import_views import upload

ROSTER = "".join(
    ",".join(row) + "\n"
    for row in (
        HEADER_EN,
        person("H001", qualified="yes"),
        person("H002", name="陈明", qualified="no", seq=2),
    )
)


def test_a_qualified_roster_is_imported_with_every_check_passed(client, world):
    client.force_login(world.hr)
    preview = upload(client, ROSTER).url
    token = preview.strip("/").split("/")[-1]
    result = client.get(client.post(reverse("staffing:import_confirm", args=[token])).url)
    text = result.content.decode()
    assert "此行无法保存" not in text
    assert 'data-testid="count-new">2<' in text
    fang = world.company.staff.get(staff_no="H001")
    assert fang.status == StaffStatus.QUALIFIED
    assert {(c.status, c.note, c.verified_by) for c in fang.checks.all()} == {
        (CheckStatus.PASSED, _("imported"), world.hr)
    }
    assert fang.checks.count() == 6
    ming = world.company.staff.get(staff_no="H002")
    assert ming.status == StaffStatus.CANDIDATE
    assert set(ming.checks.values_list("status", flat=True)) == {CheckStatus.PENDING}
    assert ming.checks.count() == 6

"""张三's October 2026 at 甲机房: with no punches at all every working day is absent, far above
the policy's limit, so the sheet asks for an absence explanation."""

from __future__ import annotations

from attendance.models import Explanation
from attendance.services.explanations import explanation_submit
from tests.attendance.punches.helpers import OCTOBER, absent_all_month

TEXT = "10月因家中急事未能到岗，已补办手续。"


def write(world, text=TEXT) -> Explanation:
    absent_all_month(world.person_a, OCTOBER)
    return explanation_submit(
        staff=world.person_a, site=world.site_a, month=OCTOBER, text=text, by=world.staff_a
    )

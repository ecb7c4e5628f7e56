"""A correction of 张三's missing afternoon punch on Monday 12 October 2026."""

from __future__ import annotations

from attendance.models import Correction
from attendance.services.corrections import correction_request
from tests.attendance.punches.helpers import MONDAY, at, device_punch


def request_afternoon(world, reason="下班忘记打卡") -> Correction:
    """张三 punched in at 08:25 but not out, and asks for the 17:35 punch."""
    device_punch(world.person_a, at(MONDAY, "08:25"))
    return correction_request(
        staff=world.person_a, at=at(MONDAY, "17:35"), reason=reason, by=world.staff_a
    )

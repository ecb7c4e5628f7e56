import pytest
from django.utils import translation

from onsite.transitions import Refused
from staffing.services.movement import (
    offboarding_complete,
    offboarding_item_record,
    offboarding_item_reopen,
)
from tests.dates import STAFFING_DAY
from tests.staffing.movement.conftest import tick_all


def test_ticking_records_who_when_and_the_note(world, offboarding_a):
    item = offboarding_a.items.get(kind="accounts")
    offboarding_item_record(item=item, by=world.supervisor_a, note="OA、VPN 已注销")
    item.refresh_from_db()
    assert item.done_by == world.supervisor_a
    assert item.done_at is not None
    assert item.note == "OA、VPN 已注销"


def test_reopening_clears_the_tick(world, offboarding_a):
    item = offboarding_a.items.get(kind="badge")
    offboarding_item_record(item=item, by=world.hr)
    offboarding_item_reopen(item=item, by=world.hr)
    item.refresh_from_db()
    assert item.done_at is None and item.done_by is None
    assert item.history.count() == 3


def test_items_of_a_completed_offboarding_no_longer_change(world, offboarding_a):
    tick_all(offboarding_a, world.hr)
    offboarding_complete(offboarding=offboarding_a, by=world.hr, today=STAFFING_DAY)
    item = offboarding_a.items.get(kind="badge")
    with translation.override("en"), pytest.raises(Refused, match="can no longer change"):
        offboarding_item_reopen(item=item, by=world.hr)
    item.refresh_from_db()
    assert item.done_at is not None

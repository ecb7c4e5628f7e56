from django.utils import translation

from staffing.models import OnboardingItem, OnboardingItemKind
from staffing.selectors.movement import onboarding_open_labels, onboarding_rows
from staffing.services.movement import onboarding_item_record, onboarding_item_reopen


def test_a_new_placement_has_every_item_open(placement_a):
    rows = onboarding_rows(placement_a)
    assert [row.kind for row in rows] == list(OnboardingItemKind.values)
    assert len(rows) == 11
    assert not any(row.done for row in rows)


def test_ticking_records_who_when_and_the_note(world, placement_a):
    item = onboarding_item_record(
        assignment=placement_a,
        kind=OnboardingItemKind.CONFIDENTIALITY,
        note="原件存档",
        by=world.hr,
    )
    item.refresh_from_db()
    assert item.done_by == world.hr
    assert item.done_at is not None
    assert item.note == "原件存档"
    assert item.history.latest().history_user == world.hr


def test_the_checklist_is_complete_when_every_item_is_done(world, placement_a):
    for kind in OnboardingItemKind.values[:-1]:
        onboarding_item_record(assignment=placement_a, kind=kind, by=world.supervisor_a)
    with translation.override("en"):
        assert onboarding_open_labels(placement_a) == ["Pre-job training"]
    onboarding_item_record(
        assignment=placement_a, kind=OnboardingItemKind.TRAINING, by=world.supervisor_a
    )
    assert onboarding_open_labels(placement_a) == []


def test_ticking_twice_keeps_one_row_with_the_latest_tick(world, placement_a):
    onboarding_item_record(assignment=placement_a, kind="badge", by=world.hr)
    onboarding_item_record(assignment=placement_a, kind="badge", by=world.supervisor_a, note="补办")
    item = OnboardingItem.objects.get(assignment=placement_a, kind="badge")
    assert (item.done_by, item.note) == (world.supervisor_a, "补办")


def test_reopening_an_item_clears_who_and_when_and_keeps_the_history(world, placement_a):
    onboarding_item_record(assignment=placement_a, kind="badge", by=world.hr)
    onboarding_item_reopen(assignment=placement_a, kind="badge", by=world.supervisor_a)
    item = OnboardingItem.objects.get(assignment=placement_a, kind="badge")
    assert item.done_at is None and item.done_by is None
    assert item.history.latest().history_user == world.supervisor_a
    assert item.history.filter(done_by=world.hr).exists()


def test_items_of_one_placement_do_not_tick_another(world, placement_a, placement_b):
    onboarding_item_record(assignment=placement_a, kind="badge", by=world.hr)
    assert not any(row.done for row in onboarding_rows(placement_b))

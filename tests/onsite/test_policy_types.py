"""Each policy type reads as its own Python value, is refused outside its type or bounds, and
every registered key explains itself in Chinese."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from onsite.models import PolicySetting
from onsite.policy import (
    AREAS,
    POLICIES,
    PolicyArea,
    PolicyChoice,
    PolicyKey,
    PolicyTable,
    PolicyType,
    policy_area_add,
    policy_for,
    policy_key_add,
    policy_set,
)
from onsite.transitions import Refused

T = PolicyType
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def typed():
    """One key of each type in an area of its own, removed again after the test."""
    policy_area_add(PolicyArea("typed_test", "Typed", order=999))
    keys = [
        PolicyKey("t_count", T.INTEGER, 3, "Count", "A count.", "typed_test", maximum=10),
        PolicyKey("t_cap", T.DECIMAL, Decimal("37.50"), "Cap", "A cap.", "typed_test", maximum=100),
        PolicyKey("t_grace", T.MINUTES, 15, "Grace", "Minutes.", "typed_test", maximum=60),
        PolicyKey("t_days", T.DAYS, 2, "Days", "Days.", "typed_test", maximum=30),
        PolicyKey(
            "t_start",
            T.TIME,
            datetime.time(9, 0),
            "Start",
            "A time.",
            "typed_test",
            minimum=datetime.time(6, 0),
        ),
        PolicyKey("t_remind", T.YES_NO, False, "Remind", "Yes or no.", "typed_test"),
        PolicyKey(
            "t_period",
            T.CHOICE,
            "weekly",
            "Period",
            "A choice.",
            "typed_test",
            choices=(PolicyChoice(1, "weekly", "Weekly"), PolicyChoice(2, "monthly", "Monthly")),
        ),
    ]
    policy_key_add(*keys)
    yield {key.key: key for key in keys}
    for key in keys:
        del POLICIES[key.key]
    del AREAS["typed_test"]


def test_defaults_read_as_their_own_types(world, typed):
    policy = policy_for(company=world.company)
    assert policy.t_count == 3 and type(policy.t_count) is int
    assert policy.t_cap == Decimal("37.50") and str(policy.t_cap) == "37.50"
    assert policy.t_start == datetime.time(9, 0)
    assert policy.t_remind is False
    assert policy.t_period == "weekly"


def test_set_values_read_as_their_own_types(world, typed):
    for key, value in [
        ("t_count", 7),
        ("t_cap", Decimal("37.50")),
        ("t_grace", 5),
        ("t_days", 0),
        ("t_start", datetime.time(8, 30)),
        ("t_remind", True),
        ("t_period", "monthly"),
    ]:
        policy_set(key=key, value=value, company=world.company, by=world.hr)
    policy = policy_for(company=world.company)
    assert [policy[k] for k in typed] == [
        7,
        Decimal("37.50"),
        5,
        0,
        datetime.time(8, 30),
        True,
        "monthly",
    ]
    assert isinstance(policy.t_cap, Decimal) and str(policy.t_cap) == "37.50"
    assert type(policy.t_count) is int and type(policy.t_remind) is bool


def test_money_keeps_its_cents(world):
    policy_set(key="fine_per_occurrence", value=Decimal("37.50"), site=world.site_a, by=world.hr)
    fine = policy_for(company=world.company, site=world.site_a).fine_per_occurrence
    assert fine == Decimal("37.50") and str(fine) == "37.50"
    assert POLICIES["fine_per_occurrence"].default == Decimal("20.00")
    table = PolicyTable(["fine_per_occurrence"])
    assert table.value("fine_per_occurrence", site_id=world.site_a.pk) == Decimal("37.50")
    assert table.value("fine_per_occurrence", site_id=world.site_b.pk) == Decimal("20.00")


@pytest.mark.parametrize(
    "key,value",
    [
        ("t_count", 11),
        ("t_count", -1),
        ("t_count", 2.0),
        ("t_count", Decimal("2")),
        ("t_count", "3"),
        ("t_count", True),
        ("t_cap", Decimal("100.01")),
        ("t_cap", Decimal("1.005")),
        ("t_cap", Decimal("NaN")),
        ("t_cap", 1.5),
        ("t_start", datetime.time(5, 59)),
        ("t_start", "08:30"),
        ("t_start", datetime.time(8, 30, 15)),
        ("t_remind", 1),
        ("t_period", "daily"),
    ],
)
def test_a_value_of_another_type_or_out_of_bounds_is_refused(world, typed, key, value):
    with pytest.raises(Refused):
        policy_set(key=key, value=value, company=world.company, by=world.hr)
    assert not PolicySetting.objects.exists()


def test_the_refusal_says_what_the_number_takes(world, typed):
    with translation.override("zh-hans"), pytest.raises(Refused) as refused:
        policy_set(key="t_cap", value=Decimal("200"), company=world.company, by=world.hr)
    assert str(refused.value) == "请输入 0.00 至 100.00 之间的金额，最多两位小数。"


def test_site_wins_over_company_wins_over_default_in_one_query(
    world, typed, django_assert_num_queries
):
    policy_set(key="t_start", value=datetime.time(8, 0), company=world.company, by=world.hr)
    policy_set(key="t_start", value=datetime.time(7, 30), site=world.site_a, by=world.hr)
    with django_assert_num_queries(1):
        at_a = policy_for(company=world.company, site=world.site_a)
    at_b = policy_for(company=world.company, site=world.site_b)
    with django_assert_num_queries(0):
        assert at_a.t_start == datetime.time(7, 30)
        assert at_b.t_start == datetime.time(8, 0)
        assert at_a.t_count == 3


def test_a_key_registered_twice_differently_is_a_mistake(typed):
    with pytest.raises(ImproperlyConfigured):
        policy_key_add(PolicyKey("t_count", T.INTEGER, 4, "Count", "A count.", "typed_test"))


def test_a_key_needs_a_registered_area():
    with pytest.raises(ImproperlyConfigured):
        policy_key_add(PolicyKey("t_lost", T.INTEGER, 1, "Lost", "Lost.", "no_such_area"))
    assert "t_lost" not in POLICIES


def test_every_registered_key_explains_itself_in_chinese_within_its_bounds():
    assert len(POLICIES) >= 31
    with translation.override("zh-hans"):
        for rule in POLICIES.values():
            assert rule.area in AREAS
            assert rule.clean(rule.default) == rule.default
            texts = [rule.label, rule.explanation, AREAS[rule.area].label]
            # A time of day, a yes/no and a choice read as themselves: they have no unit.
            if rule.type in (T.TIME, T.YES_NO, T.CHOICE):
                assert rule.unit_label == "", rule.key
            else:
                texts.append(rule.unit_label)
            for text in texts:
                assert CHINESE.search(str(text)), (rule.key, str(text))
                assert "SPEC" not in str(text)

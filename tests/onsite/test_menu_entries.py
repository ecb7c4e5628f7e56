"""Two entries of the core's menu: "My exports" for those who can ask for an export, and the
policy page under the name of what it holds now, every app's numbers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

NAV_LINK = re.compile(r'href="([^"]+)" data-nav="(\w+)">([^<]+)<')


def menu(client, user) -> dict[str, tuple[str, str]]:
    """key: (url, label) of each entry of `user`'s menu, as the dashboard shows it."""
    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode()
    return {key: (url, label.strip()) for url, key, label in NAV_LINK.findall(page)}


@pytest.mark.parametrize("username", ["hr", "supervisor_a", "manager"])
def test_those_who_can_ask_for_an_export_find_my_exports_in_the_menu(client, world, username):
    assert menu(client, getattr(world, username))["exports"] == (
        reverse("exports:list"),
        "我的导出",
    )


@pytest.mark.parametrize("username", ["staff_a", "finance", "client_a", "outsider"])
def test_those_who_cannot_ask_for_an_export_have_no_such_entry(client, world, username):
    assert "exports" not in menu(client, getattr(world, username))


def test_the_policy_entry_reads_policy_settings(client, world):
    assert menu(client, world.hr)["policy"] == (reverse("policy"), "制度参数")


def test_the_policy_entry_reads_policy_settings_in_english(client, world, english):
    assert menu(client, world.hr)["policy"][1] == "Policy settings"

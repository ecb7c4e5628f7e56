"""Render time and query count of the dashboard for each demo role, and of the staff and site
lists for HR, with the demo company at scale (see conftest.py). Measurements only: the one
assertion is that each page answers 200."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.benchmarks.conftest import measure_get, report_timing

ROLES = ("hr", "supervisor", "staff", "manager", "finance", "client")


@pytest.fixture(autouse=True)
def _serve_testserver(settings):
    # The test settings run with DEBUG off, where ALLOWED_HOSTS is empty unless set.
    settings.ALLOWED_HOSTS = ["testserver"]


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ROLES)
def test_dashboard(db, demo, username, report, print_queries):
    timing = measure_get(client_for(username), "/")
    report_timing(report, f"dashboard / {username}", timing)
    print_queries(f"dashboard / {username}", timing)


@pytest.mark.parametrize("path", ["/staff/", "/sites/"])
def test_list_for_hr(db, demo, path, report, print_queries):
    timing = measure_get(client_for("hr"), path)
    report_timing(report, f"{path} hr", timing)
    print_queries(f"{path} hr", timing)

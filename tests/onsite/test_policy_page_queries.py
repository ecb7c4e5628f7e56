"""The policy page reads in the same number of queries for a company with one site as for one
with twenty, each site with values of its own (STYLE habit 11)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onsite.policy import policy_set
from tests import factories

# Session, user and roles, the companies, the sites, their values, and the page frame's own; a
# new query on this page must say why here.
MAX_QUERIES = 8


def company_with_sites(count: int):
    """An HR admin and their company, with `count` sites under contract, each setting three
    numbers of its own (a number of minutes, an amount and a count of days)."""
    grant = factories.RoleGrantFactory()
    sites = factories.SiteFactory.create_batch(count)
    factories.ContractFactory(company=grant.company, sites=sites)
    for n, site in enumerate(sites):
        for key, value in (
            ("late_grace_minutes", 5 + n),
            ("fine_per_occurrence", Decimal("37.50") + n),
            ("change_notice_days", 3 + n % 5),
        ):
            policy_set(key=key, value=value, site=site, by=grant.user)
    policy_set(key="late_grace_minutes", value=10, company=grant.company, by=grant.user)
    return grant.user, sites


def queries_of(client, user, url: str) -> int:
    client.force_login(user)
    client.get(url)  # the session and the translations are warm for the counted read
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("of_a_site", [False, True], ids=["company", "site"])
def test_the_page_reads_in_the_same_queries_for_one_site_as_for_twenty(db, client, of_a_site):
    counts = []
    for count in (1, 20):
        user, sites = company_with_sites(count)
        url = reverse("policy") + (f"?site={sites[0].pk}" if of_a_site else "")
        counts.append(queries_of(client, user, url))
    assert counts[0] == counts[1], f"one site: {counts[0]} queries, twenty: {counts[1]}"
    assert counts[1] <= MAX_QUERIES, counts


def test_twenty_sites_each_show_their_own_value(client, db):
    user, sites = company_with_sites(20)
    client.force_login(user)
    page = client.get(reverse("policy")).content.decode()
    for site in sites:
        assert site.name in page
    assert "56.50" in page  # the twentieth site's fine (37.50 + 19)

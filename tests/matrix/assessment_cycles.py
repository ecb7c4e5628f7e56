"""HR's pages of assessment cycles and criteria (SPEC §12): HR and the manager of the company read
its cycles, HR alone opens and moves them (the manager's POST is 403); the criteria page is HR's
alone. Supervisors, staff, finance, client contacts and outsiders reach cycles through their own
pages (scoring, their result), so here the pages are not there for them (404); a cycle of another
company is not there for anyone of this one."""

from __future__ import annotations

from tests import factories
from tests.matrix import Row, only, statuses

READERS = ("hr", "manager")


def cycle_of_company(w) -> list:
    return [factories.CycleFactory(company=w.company, label="2026Q3").pk]


def cycle_of_another_company(w) -> list:
    other = factories.CompanyFactory(name="远达服务")
    return [factories.CycleFactory(company=other, label="2026Q3").pk]


def company(w) -> list:
    return [w.company.pk]


def opening(w) -> dict:
    return {"company": w.company.pk, "label": "2026Q4", "scoring_deadline": "2027-01-15"}


def default_rows(w) -> dict:
    rows = (
        ("performance", "工作业绩", 40, "supervisor"),
        ("attitude", "工作态度", 20, "supervisor"),
        ("teamwork", "团队协作", 20, "manager"),
        ("satisfaction", "客户满意度", 20, "computed"),
    )
    data = {"criteria-TOTAL_FORMS": len(rows), "criteria-INITIAL_FORMS": len(rows)}
    for n, (key, label, weight, scorer) in enumerate(rows):
        data |= {
            f"criteria-{n}-key": key,
            f"criteria-{n}-label": label,
            f"criteria-{n}-weight": weight,
            f"criteria-{n}-scorer": scorer,
            f"criteria-{n}-order": n,
        }
    return data


# The manager reads but does not act: 403; everyone else outside the readers: 404.
ACTS = {**only(("hr",), ok=302), "manager": 403}

ROWS = [
    Row("assessment:cycles", only(READERS)),
    Row("assessment:cycle_open", statuses(405), label="assessment:cycle_open GET"),
    Row(
        "assessment:cycle_open",
        ACTS,
        method="post",
        data=opening,
        label="assessment:cycle_open POST",
    ),
    Row("assessment:cycle", only(READERS), args=cycle_of_company),
    Row(
        "assessment:cycle",
        only(()),
        args=cycle_of_another_company,
        label="assessment:cycle of another company",
    ),
    Row(
        "assessment:cycle_move",
        statuses(405),
        args=cycle_of_company,
        label="assessment:cycle_move GET",
    ),
    Row(
        "assessment:cycle_move",
        ACTS,
        method="post",
        args=cycle_of_company,
        data=lambda w: {"action": "start"},
        label="assessment:cycle_move POST",
    ),
    Row(
        "assessment:cycle_move",
        only(()),
        method="post",
        args=cycle_of_another_company,
        data=lambda w: {"action": "start"},
        label="assessment:cycle_move POST another company",
    ),
    Row("assessment:criteria", only(("hr",)), args=company),
    Row(
        "assessment:criteria",
        only(("hr",), ok=302),
        method="post",
        args=company,
        data=default_rows,
        label="assessment:criteria POST",
    ),
]

"""Two people acting on the same claim at the same moment, each in their own thread and database
connection (SPEC §10): one signature, one approval, one payment stand and the other is told what
happened meanwhile; two lines with the same invoice number at once, one is saved."""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection

from onsite.models import Notification, RoleGrant
from onsite.roles import Role
from onsite.transitions import Refused
from staffing.models import Claim, ClaimStatus, ExpenseLine
from staffing.services import claims, expenses
from staffing.services.claims import CLAIM_PAID, CLAIM_TO_FINANCE
from tests import factories
from tests.dates import MONDAY, SHANGHAI

pytestmark = pytest.mark.django_db(transaction=True)
LOCKED = pytest.mark.postgres(reason="the row lock makes the second reviewer wait for the first")

ON_TIME = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)
PAID_ON = datetime.date(2026, 11, 20)
MEANWHILE = "此报销单已被他人处理"


def at_once(*calls) -> tuple[list, list[str]]:
    """Run each call in its own thread, released together; returns (results, refusals)."""
    start = threading.Barrier(len(calls))
    done, refused, errors = [], [], []

    def run(call) -> None:
        try:
            start.wait(timeout=10)
            done.append(call())
        except Refused as refusal:
            refused.append(str(refusal))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return done, refused


def submitted(world) -> Claim:
    line = expenses.line_add(
        staff=world.person_a,
        by=world.staff_a,
        date=MONDAY,
        category="meals",
        amount=Decimal("80.00"),
    )
    return expenses.claim_submit(claim=line.claim, by=world.staff_a, now=ON_TIME)


def fresh(claim) -> Claim:
    return Claim.objects.get(pk=claim.pk)


@pytest.fixture
def finance_two(world):
    user = factories.UserFactory(username="finance_two")
    RoleGrant.objects.create(user=user, role=Role.FINANCE, company=world.company)
    return user


@LOCKED
def test_two_supervisors_sign_at_once_one_signs(two_roles):
    world = two_roles
    claim = submitted(world)
    done, refused = at_once(
        lambda: claims.claim_sign(claim=fresh(claim), by=world.supervisor_a),
        lambda: claims.claim_sign(claim=fresh(claim), by=world.supervisor_staff),
    )
    assert len(done) == 1 and len(refused) == 1
    assert MEANWHILE in refused[0]
    claim = fresh(claim)
    assert (claim.status, claim.signed_by) == (ClaimStatus.SIGNED, done[0].signed_by)
    assert claim.history.filter(status=ClaimStatus.SIGNED).count() == 1
    # Finance heard of it once.
    assert Notification.objects.filter(kind=CLAIM_TO_FINANCE).count() == 1


@LOCKED
def test_two_finance_users_approve_at_once_one_approval(world, finance_two):
    claim = claims.claim_sign(claim=submitted(world), by=world.supervisor_a)
    done, refused = at_once(
        lambda: claims.claim_approve(claim=fresh(claim), by=world.finance),
        lambda: claims.claim_approve(claim=fresh(claim), by=finance_two),
    )
    assert len(done) == 1 and len(refused) == 1
    assert MEANWHILE in refused[0]
    claim = fresh(claim)
    assert (claim.status, claim.approved_by) == (ClaimStatus.APPROVED, done[0].approved_by)
    assert claim.history.filter(status=ClaimStatus.APPROVED).count() == 1


@LOCKED
def test_two_finance_users_pay_at_once_one_payment(world, finance_two):
    claim = claims.claim_sign(claim=submitted(world), by=world.supervisor_a)
    claim = claims.claim_approve(claim=claim, by=world.finance)
    done, refused = at_once(
        lambda: claims.claim_pay(
            claim=fresh(claim), by=world.finance, paid_on=PAID_ON, reference="T-1"
        ),
        lambda: claims.claim_pay(
            claim=fresh(claim), by=finance_two, paid_on=PAID_ON, reference="T-2"
        ),
    )
    assert len(done) == 1 and len(refused) == 1
    assert MEANWHILE in refused[0]
    claim = fresh(claim)
    assert (claim.status, claim.payment_reference) == (
        ClaimStatus.PAID,
        done[0].payment_reference,
    )
    assert claim.history.filter(status=ClaimStatus.PAID).count() == 1
    assert Notification.objects.filter(kind=CLAIM_PAID).count() == 1


@pytest.mark.postgres(reason="the unique index makes the second insert wait for the first")
def test_two_lines_with_the_same_invoice_at_once_one_is_saved(world):
    def add(person, user):
        return lambda: expenses.line_add(
            staff=person,
            by=user,
            date=MONDAY,
            category="meals",
            amount=Decimal("30.00"),
            invoice_no="０４４１ 7777",
        )

    done, refused = at_once(add(world.person_a, world.staff_a), add(world.person_b, world.staff_b))
    assert len(done) == 1 and len(refused) == 1
    assert "04417777" in refused[0]
    assert ExpenseLine.objects.filter(invoice_no="04417777").count() == 1
    # The refused line left no total behind on its draft.
    assert sum(c.total for c in Claim.objects.all()) == Decimal("30.00")


@pytest.mark.postgres(reason="the unique index makes the second run's claims wait for the first")
def test_two_reminder_runs_at_once_remind_each_person_once(world):
    from staffing.services.expense_reminders import DEADLINE, deadline_remind
    from tests.factories.expenses import ClaimFactory, ExpenseLineFactory

    people = [world.person_a, world.person_b]
    people += [factories.colleague_of(world, name=f"同事{n}") for n in range(8)]
    for person in people:
        ExpenseLineFactory(claim=ClaimFactory(staff=person, site=world.site_a), site=world.site_a)
    fifth = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)
    done, refused = at_once(*(lambda: deadline_remind(now=fifth) for _ in range(3)))
    assert refused == [] and sum(done) == len(people)
    recipients = list(
        Notification.objects.filter(kind=DEADLINE).values_list("recipient_id", flat=True)
    )
    assert sorted(recipients) == sorted(person.user_id for person in people)

"""Expenses in the demo (SPEC §10), a demo step registered in staffing/demo.py: what a first look
at the expense pages needs to show.

- The staff login's own trips and claims go through the services, which decide (caps, trips,
  lateness, who signs): a trip approved, one pending, one rejected; a claim in every state
  (draft, submitted, signed, late and approved by a manager, approved, paid, returned), one line
  of lodging over its cap with a justification, one late claim.
- The history is written in bulk: every placed person's paid claims of the four months before
  this one, at the site of their placement, so the statistics have months to compare; the first
  site's last month carries an equipment move's transport and is clearly flagged (费用异常)
  against the three before it. The demo's people were at these sites before the months their
  placements show, so their history is dated at their site too.
- Everyone has a bank account.

The step draws from its own random sequence, so the steps after it keep their data."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from onsite.demo import DemoWorld
from onsite.periods import Month
from staffing.models import (
    BankAccount,
    Claim,
    ClaimStatus,
    ExpenseCategory,
    ExpenseLine,
)
from staffing.services import claims, expenses, trips

C = ExpenseCategory
BANKS = ("中国工商银行江南分行", "中国建设银行江南分行", "招商银行江南分行", "中国银行江南分行")
HISTORY_MONTHS = 4
# The first site's equipment move of last month, per person: far above its usual month.
MOVE = Decimal("1500.00")
ONE_DAY = datetime.timedelta(days=1)


def expenses_demo(world: DemoWorld) -> None:
    rng = random.Random(f"expenses-{world.today.isoformat()}")
    _bank_accounts(world, rng)
    _history(world, rng)
    _the_staff_logins_own(world)


def _bank_accounts(world: DemoWorld, rng: random.Random) -> None:
    BankAccount.objects.bulk_create(
        [
            BankAccount(
                staff=person,
                bank_name=rng.choice(BANKS),
                account_number=f"6222{rng.randrange(10**14, 10**15)}",
            )
            for person in world.people
        ],
        batch_size=2000,
    )


def _history(world: DemoWorld, rng: random.Random) -> None:
    """Paid claims of the four months before this one, one per person and month."""
    this_month = Month.containing(world.today)
    first_site = world.sites[0]
    users = world.users
    number = 0
    for back in range(HISTORY_MONTHS, 0, -1):
        month = this_month.shift(-back)
        after = month.shift(1).first
        paid_on = min(after + 14 * ONE_DAY, world.today)
        submitted = timezone.make_aware(datetime.datetime.combine(after, datetime.time(9)))
        # Never a step in the future when the month before is only a day old.
        now = max(timezone.now(), submitted)
        claim_rows, line_rows = [], []
        for placement in world.assignments:
            if placement is world.newcomer:
                continue  # placed last week: no history yet
            lines = []
            # Meals on a few distinct days (within the day's cap), the month's phone bill, a trip
            # across town.
            for day in rng.sample(range(1, 28), 3):
                lines.append((month.first.replace(day=day), C.MEALS, rng.randrange(35, 95)))
            lines.append((month.first.replace(day=28), C.COMMUNICATION, rng.randrange(80, 150)))
            lines.append((month.first.replace(day=20), C.TRANSPORT, rng.randrange(40, 160)))
            if back == 1 and placement.site_id == first_site.pk:
                lines.append((month.first.replace(day=18), C.TRANSPORT, MOVE))
            total = sum(Decimal(amount) for _day, _category, amount in lines)
            claim_rows.append(
                Claim(
                    staff_id=placement.staff_id,
                    site_id=placement.site_id,
                    status=ClaimStatus.PAID,
                    total=total,
                    month=month.first,
                    created_at=submitted - ONE_DAY,
                    submitted_at=submitted,
                    first_submitted_at=submitted,
                    signed_at=min(submitted + ONE_DAY, now),
                    signed_by=users["supervisor"],
                    approved_at=min(submitted + 2 * ONE_DAY, now),
                    approved_by=users["finance"],
                    paid_on=paid_on,
                    payment_reference=f"PAY-{month.label}",
                    paid_by=users["finance"],
                )
            )
            line_rows.append((placement, lines))
        Claim.objects.bulk_create(claim_rows, batch_size=2000)
        made = []
        for claim, (placement, lines) in zip(claim_rows, line_rows, strict=True):
            for day, category, amount in lines:
                number += 1
                made.append(
                    ExpenseLine(
                        claim=claim,
                        company=world.company,
                        site_id=placement.site_id,
                        date=day,
                        category=category,
                        amount=Decimal(amount),
                        invoice_no=f"2{number:09d}",
                        created_at=submitted - 2 * ONE_DAY,
                    )
                )
        ExpenseLine.objects.bulk_create(made, batch_size=2000)


def _the_staff_logins_own(world: DemoWorld) -> None:
    """王伟's trips and claims, through the services: a claim in every state."""
    person, login = world.people[0], world.users["staff"]
    supervisor, manager, finance = (
        world.users["supervisor"],
        world.users["manager"],
        world.users["finance"],
    )
    today = world.today
    recent = max(today - ONE_DAY, today.replace(day=1))
    invoices = iter(range(1, 100))

    def trip(destination, start, end, purpose, cost):
        return trips.trip_request(
            staff=person,
            by=login,
            destination=destination,
            start=start,
            end=end,
            purpose=purpose,
            estimated_cost=Decimal(cost),
        )

    approved = trips.trip_approve(
        trip=trip("江南市郊区灾备中心", recent, today, "灾备机房设备上架", "1800"), by=manager
    )
    trip("杭州", today + 7 * ONE_DAY, today + 9 * ONE_DAY, "厂商培训", "2400")
    trips.trip_reject(
        trip=trip("北京", today + 14 * ONE_DAY, today + 16 * ONE_DAY, "技术交流会", "5000"),
        by=manager,
        reason="改为线上参会",
    )

    def claim(*lines, now=None) -> Claim:
        """A claim of `lines` (date, category, amount, extra), submitted."""
        draft = None
        for day, category, amount, extra in lines:
            draft = expenses.line_add(
                staff=person,
                by=login,
                date=day,
                category=category,
                amount=Decimal(amount),
                invoice_no=f"4{next(invoices):09d}",
                **extra,
            ).claim
        return expenses.claim_submit(claim=draft, by=login, now=now)

    paid = claim((recent, C.TRANSPORT, "46.00", {}))
    claims.claim_sign(claim=paid, by=supervisor)
    claims.claim_approve(claim=paid, by=finance)
    claims.claim_pay(claim=paid, by=finance, paid_on=today, reference="PAY-DEMO-1")

    approved_claim = claim((recent, C.TRANSPORT, "32.50", {}))
    claims.claim_sign(claim=approved_claim, by=supervisor)
    claims.claim_approve(claim=approved_claim, by=finance)

    signed = claim((recent, C.TRANSPORT, "18.00", {}))
    claims.claim_sign(claim=signed, by=supervisor)

    # Expenses of the month before last, submitted after their deadline.
    old = Month.containing(today).shift(-2).first.replace(day=15)
    late = claim((old, C.TRANSPORT, "120.00", {}))
    claims.claim_sign(claim=late, by=supervisor)
    claims.claim_approve_late(claim=late, by=manager, note="项目验收期间无法按时提交")

    # The trip's night over the lodging cap, justified; it waits for the supervisor.
    claim(
        (
            recent,
            C.LODGING,
            "520.00",
            {"trip": approved, "justification": "灾备中心周边仅此一家酒店"},
        ),
        (recent, C.TRANSPORT, "260.00", {"trip": approved, "away": True}),
    )

    returned = claim((recent, C.COMMUNICATION, "88.00", {}))
    claims.claim_return(claim=returned, by=supervisor, reason="请上传电子发票")

    expenses.line_add(
        staff=person,
        by=login,
        date=today,
        category=C.MEALS,
        amount=Decimal("36.00"),
        invoice_no=f"4{next(invoices):09d}",
    )

"""The same round sent twice at the same moment (a double click, two phones of the same shift),
each in its own thread and database connection: one is recorded with its fault ticket, the other
is told the day's round is recorded already."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from onsite.transitions import Refused
from tests.tickets.inspections.conftest import record
from tickets.models import Inspection, Ticket


@pytest.mark.postgres(reason="the unique index makes the second insert wait for the first")
@pytest.mark.django_db(transaction=True)
def test_a_round_sent_twice_at_once_is_recorded_once(world, checklist):
    start = threading.Barrier(2)
    recorded, refused, errors = [], [], []

    def work() -> None:
        try:
            start.wait(timeout=10)
            recorded.append(record(world, checklist, failed=(0,)).pk)
        except Refused as refusal:
            refused.append(str(refusal))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(recorded) == 1 and len(refused) == 1
    assert "张三" in refused[0]
    assert list(Inspection.objects.values_list("pk", flat=True)) == recorded
    assert Ticket.objects.count() == 1

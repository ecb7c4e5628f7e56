"""Two tickets raised at one site at the same moment, each in its own thread and database
connection, get two numbers: the desk's row is locked while a number is taken."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.tickets.conftest import raise_ticket
from tickets.models import SiteDesk, Ticket


def _raise_at_once(world, count: int) -> list:
    start = threading.Barrier(count)
    numbers, errors = [], []

    def work(n: int) -> None:
        try:
            start.wait(timeout=10)
            numbers.append(raise_ticket(world, title=f"同时报修{n}").number)
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return numbers


@pytest.mark.django_db(transaction=True)
def test_two_raised_at_once_on_a_new_desk_get_two_numbers(world):
    assert not SiteDesk.objects.exists()
    assert sorted(_raise_at_once(world, 2)) == [1, 2]
    assert SiteDesk.objects.get(site=world.site_a).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_four_raised_at_once_get_four_numbers_after_the_last(world):
    raise_ticket(world)
    assert sorted(_raise_at_once(world, 4)) == [2, 3, 4, 5]
    assert sorted(Ticket.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]

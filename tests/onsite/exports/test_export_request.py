"""export_request: asking for an export creates a job queued after commit, once per request in
flight, and only within the asker's scope."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from onsite.exports.models import ExportJob, ExportStatus
from onsite.exports.services import export_request
from tests import factories
from tests.onsite.exports.conftest import ECHO


@pytest.fixture
def alice(db):
    return factories.UserFactory(username="alice")


def ask(user, text="一月", **extra):
    return export_request(user=user, kind=ECHO, params={"text": text, "who": ["alice"], **extra})


def test_a_request_creates_a_queued_job_with_its_title(
    echo, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        job, new = ask(alice)
    assert new
    assert (job.requested_by, job.kind, job.status, job.progress) == (
        alice,
        ECHO,
        ExportStatus.QUEUED,
        0,
    )
    assert job.title == "回声 一月"
    assert len(callbacks) == 1  # the task is queued once the request commits


def test_asking_twice_while_in_flight_finds_the_same_job(
    echo, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first, _new = ask(alice)
        second, new = ask(alice)
    assert second == first and not new
    assert ExportJob.objects.count() == 1
    assert len(callbacks) == 1
    ExportJob.objects.filter(pk=first.pk).update(status=ExportStatus.RUNNING)
    assert ask(alice) == (first, False)


def test_other_parameters_are_another_job(echo, alice):
    first, _new = ask(alice, text="一月")
    second, new = ask(alice, text="二月")
    assert new and second != first


def test_a_finished_job_does_not_stop_a_new_request(echo, alice):
    first, _new = ask(alice)
    ExportJob.objects.filter(pk=first.pk).update(status=ExportStatus.FAILED, error="x")
    second, new = ask(alice)
    assert new and second != first


def test_the_database_refuses_a_second_job_in_flight_for_the_same_request(echo, alice):
    from django.db import IntegrityError, transaction

    first, _new = ask(alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportJob.objects.create(
            requested_by=alice, kind=ECHO, params=first.params, request_key=first.request_key
        )


def test_a_request_outside_the_askers_scope_is_refused(echo, db):
    bob = factories.UserFactory(username="bob")
    with pytest.raises(PermissionDenied):
        ask(bob)
    assert not ExportJob.objects.exists()


def test_an_unknown_kind_is_a_programming_error(alice):
    with pytest.raises(ValueError):
        export_request(user=alice, kind="nobody.registered", params={})

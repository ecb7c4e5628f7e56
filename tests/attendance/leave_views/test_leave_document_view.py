from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import leave_of_a


def with_document(world):
    leave = leave_of_a(world, kind="sick")
    leave.document.save("病假条.pdf", ContentFile(b"%PDF-1.4 note"), save=True)
    return leave


def url(leave) -> str:
    return reverse("attendance:leave_document", args=[leave.pk])


def test_those_who_see_the_leave_download_its_document(client, world):
    leave = with_document(world)
    for name in ("staff_a", "supervisor_a", "hr", "manager"):
        client.force_login(world.users[name])
        response = client.get(url(leave))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 note"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_leave_without_a_document_has_none_to_download(client, world):
    leave = leave_of_a(world)
    client.force_login(world.staff_a)
    assert client.get(url(leave)).status_code == 404


def test_a_document_gone_from_storage_is_not_found(client, world):
    leave = with_document(world)
    leave.document.storage.delete(leave.document.name)
    client.force_login(world.staff_a)
    assert client.get(url(leave)).status_code == 404


def test_outside_the_scope_it_is_not_found(client, world, supervisor_b):
    leave = with_document(world)
    for user in (supervisor_b, world.staff_b, world.finance, world.client_a):
        client.force_login(user)
        assert client.get(url(leave)).status_code == 404

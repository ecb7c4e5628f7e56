import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from attendance.models import DayKind, Leave, LeaveStatus
from onsite.models import Notification
from tests.dates import ONE_DAY, monday_ahead
from tests.factories import calendar_day, plain_weeks
from tests.pages import page_text

URL = reverse("attendance:leave_new")


@pytest.fixture
def monday():
    day = monday_ahead()
    plain_weeks(day)
    return day


def ask(client, monday, colleague, **changes):
    data = {
        "kind": "personal",
        "start": f"{monday:%Y-%m-%d}",
        "end": f"{monday + 2 * ONE_DAY:%Y-%m-%d}",
        "reason": "家中有事",
        "cover": colleague.pk,
    }
    data.update(changes)
    return client.post(URL, data, follow=True)


def pdf(name="病假条.pdf", content=b"%PDF-1.4 note"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_staff_ask_and_land_on_their_request(english, world, monday, colleague):
    english.force_login(world.staff_a)
    response = ask(english, monday, colleague, starts_pm="on")
    leave = Leave.objects.get()
    assert response.redirect_chain == [(reverse("attendance:leave_detail", args=[leave.pk]), 302)]
    assert (leave.status, leave.start, leave.starts_pm, leave.days) == (
        LeaveStatus.PENDING,
        monday,
        True,
        2.5,
    )
    assert (leave.cover, leave.site, leave.created_by) == (colleague, world.site_a, world.staff_a)
    assert "Your leave request is sent to your supervisor." in page_text(response)


def test_the_site_supervisor_is_told_with_a_link(english, world, monday, colleague):
    english.force_login(world.staff_a)
    ask(english, monday, colleague)
    leave = Leave.objects.get()
    told = Notification.objects.get()
    assert (told.recipient, told.kind) == (world.supervisor_a, "leave.pending")
    assert told.url == reverse("attendance:leave_detail", args=[leave.pk])
    assert told.title.startswith("张三 asks for leave")


def test_every_refusal_is_shown_and_nothing_is_saved(english, world, colleague):
    today = timezone.localdate()
    calendar_day(today, DayKind.WORKDAY)
    english.force_login(world.staff_a)
    response = ask(english, today, colleague, end=f"{today:%Y-%m-%d}", cover="", reason="")
    text = page_text(response)
    assert response.status_code == 200
    assert "Name the colleague who covers your work while you are away." in text
    assert "Give a reason for the leave." in text
    assert f"The earliest start you can ask for now is {today + ONE_DAY}" in text
    assert not Leave.objects.exists()


def test_a_document_is_required_only_where_the_kind_needs_one(english, world, monday, colleague):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert 'name="document"' in text
    response = ask(english, monday, colleague, kind="sick")
    assert "Sick leave needs a document (for example a doctor's note)." in page_text(response)
    assert not Leave.objects.exists()
    ask(english, monday, colleague, kind="sick", document=pdf())
    assert Leave.objects.get().document.name.endswith(".pdf")


def test_a_renamed_executable_is_refused(english, world, monday, colleague):
    english.force_login(world.staff_a)
    response = ask(english, monday, colleague, kind="sick", document=pdf("note.pdf", b"MZ\x90\x00"))
    assert "The content of “note.pdf” is not a PDF file." in page_text(response)
    assert not Leave.objects.exists()


def test_a_document_of_another_type_or_too_large_is_refused(
    english, world, monday, colleague, settings
):
    english.force_login(world.staff_a)
    response = ask(english, monday, colleague, document=SimpleUploadedFile("a.exe", b"MZ"))
    assert "Files of type “exe” are not accepted." in page_text(response)
    settings.UPLOAD_MAX_BYTES = 10
    response = ask(english, monday, colleague, document=pdf())
    assert "files may be at most 10" in page_text(response)
    assert not Leave.objects.exists()


def test_the_cover_is_chosen_among_the_people_of_the_site_by_name(english, world, colleague):
    english.force_login(world.staff_a)
    form = english.get(URL).context["form"]
    choices = [label for value, label in form.fields["cover"].choices if value]
    assert choices == ["王五"]


def test_someone_of_another_site_cannot_be_named_as_cover(english, world, monday, colleague):
    english.force_login(world.staff_a)
    response = ask(english, monday, colleague, cover=world.person_b.pk)
    assert "Select a valid choice." in page_text(response)
    assert not Leave.objects.exists()


def test_the_form_asks_the_preview_when_the_dates_change(english, world):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert f'hx-get="{reverse("attendance:leave_preview")}"' in text
    assert 'hx-target="#leave-preview"' in text
    # Each field asks on its own; a later change replaces the request still under way.
    assert 'hx-sync="closest form:replace"' in text
    assert 'id="leave-preview"' in text
    assert "Choose the first and the last day" in text


def test_a_refused_form_keeps_its_preview(english, world, monday, colleague):
    english.force_login(world.staff_a)
    response = ask(english, monday, colleague, cover="", end=f"{monday + 7 * ONE_DAY}")
    assert "Name the colleague" in page_text(response)
    assert response.context["preview"].days == 6


def test_only_staff_ask(client, world):
    for name in ("hr", "supervisor_a", "manager", "finance", "client_a", "outsider"):
        client.force_login(world.users[name])
        assert client.get(URL).status_code == 403
        assert client.post(URL, {}).status_code == 403
    assert not Leave.objects.exists()


def test_the_date_fields_work_on_a_phone(english, world):
    english.force_login(world.staff_a)
    text = page_text(english.get(URL))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert 'type="date"' in text
    # One column of full-width fields: no table to scroll sideways.
    assert "<table" not in text

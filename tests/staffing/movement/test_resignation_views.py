import datetime

from django.urls import reverse
from django.utils import timezone

from onsite.org.models import StaffStatus
from staffing.models import Offboarding, Resignation, ResignationStatus
from staffing.services.movement import resignation_apply
from tests.staffing.movement.conftest import page_text

NEW = reverse("staffing:resignation_create")


def last_day(days=30) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def apply(world) -> Resignation:
    return resignation_apply(
        staff=world.person_a,
        leaving_on=timezone.localdate() + datetime.timedelta(days=30),
        reason="个人原因",
        by=world.staff_a,
    )


def detail(resignation, action="detail"):
    return reverse(f"staffing:resignation_{action}", args=[resignation.pk])


def test_staff_apply_and_land_on_their_application(english, world):
    english.force_login(world.staff_a)
    response = english.post(NEW, {"leaving_on": last_day(), "reason": "回老家"}, follow=True)
    resignation = Resignation.objects.get()
    assert response.redirect_chain == [(detail(resignation), 302)]
    text = page_text(response)
    assert "Your resignation is sent for approval." in text
    assert 'data-testid="withdraw"' in text and 'data-testid="approve"' not in text


def test_the_form_says_what_is_wrong(english, world):
    english.force_login(world.staff_a)
    response = english.post(NEW, {"leaving_on": last_day(-1), "reason": ""})
    text = page_text(response)
    assert "The last working day has passed." in text
    assert "This field is required." in text
    assert not Resignation.objects.exists()


def test_only_staff_may_apply(client, world):
    for user in (world.hr, world.supervisor_a, world.outsider):
        client.force_login(user)
        assert client.get(NEW).status_code == 403


def test_the_supervisor_approves_and_the_offboarding_starts(english, world):
    resignation = apply(world)
    english.force_login(world.supervisor_a)
    assert 'data-testid="approve"' in page_text(english.get(detail(resignation)))
    response = english.post(detail(resignation, "approve"), {"reason": "同意"}, follow=True)
    assert "Approved. The offboarding of 张三 has started." in page_text(response)
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.APPROVED
    assert Offboarding.objects.filter(resignation=resignation).exists()
    world.person_a.refresh_from_db()
    assert world.person_a.status == StaffStatus.LEAVING


def test_a_second_approval_is_refused_with_a_message(english, world):
    resignation = apply(world)
    english.force_login(world.hr)
    english.post(detail(resignation, "approve"))
    response = english.post(detail(resignation, "approve"), follow=True)
    assert "This resignation was decided meanwhile: it is now “Approved”." in page_text(response)
    assert Offboarding.objects.count() == 1


def test_a_rejection_without_a_reason_is_sent_back(english, world):
    resignation = apply(world)
    english.force_login(world.hr)
    response = english.post(detail(resignation, "reject"), {"reason": ""})
    assert response.status_code == 200
    assert "Give a reason for the rejection." in page_text(response)
    response = english.post(detail(resignation, "reject"), {"reason": "项目关键期"}, follow=True)
    assert "The resignation is rejected." in page_text(response)
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.REJECTED


def test_the_applicant_and_a_manager_cannot_decide(client, world):
    resignation = apply(world)
    for user in (world.staff_a, world.manager):
        client.force_login(user)
        assert client.post(detail(resignation, "approve")).status_code == 403
        assert client.post(detail(resignation, "reject"), {"reason": "x"}).status_code == 403
    resignation.refresh_from_db()
    assert resignation.status == ResignationStatus.PENDING


def test_the_applicant_withdraws_and_no_one_else_can(english, world):
    resignation = apply(world)
    english.force_login(world.hr)
    assert english.post(detail(resignation, "withdraw")).status_code == 403
    english.force_login(world.staff_a)
    response = english.post(detail(resignation, "withdraw"), follow=True)
    assert "Your resignation is withdrawn." in page_text(response)


def test_strangers_get_404(client, world, supervisor_b):
    resignation = apply(world)
    for user in (world.staff_b, supervisor_b, world.outsider, world.finance):
        client.force_login(user)
        assert client.get(detail(resignation)).status_code == 404
        assert client.post(detail(resignation, "approve")).status_code == 404


def test_the_list_shows_the_supervisors_queue(english, world, supervisor_b):
    apply(world)
    english.force_login(world.supervisor_a)
    text = page_text(english.get(reverse("staffing:resignation_list") + "?status=pending"))
    assert "张三 · 甲机房" in text
    english.force_login(supervisor_b)
    text = page_text(english.get(reverse("staffing:resignation_list")))
    assert "张三" not in text and "No resignations." in text

"""Service tickets (issue 12) in a browser, on 360 px phones: the client contact of site A raises
a fault with a photo, the person placed there (the site's default assignee) acknowledges it,
starts and resolves it, and the client confirms the resolution and rates it 5; the supervisor
opens the month's service report."""

from __future__ import annotations

import io

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login, page_width, screenshot, url
from tickets.models import SiteDesk, Ticket, TicketStatus


def photo() -> bytes:
    """A small real PNG, as a phone camera's picture would be checked by its first bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def move(page, action: str, comment: str = "") -> None:
    form = page.locator(f"[data-testid=move-{action}]")
    if comment:
        form.locator("textarea").fill(comment)
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_a_fault_with_a_photo_raised_resolved_confirmed_and_rated_on_phones(
    new_page, live_server, live_world
):
    # Tickets at site A go to the person placed there, so no one has to assign them first.
    SiteDesk.objects.create(site=live_world.site_a, default_assignee=live_world.person_a)

    client = new_page(PHONE)
    login(client, live_server, "client_a")
    client.goto(url(live_server, "tickets:new"))
    client.select_option("#id_category", "fault")
    client.select_option("#id_priority", "high")
    client.fill("#id_title", "机房空调漏水")
    client.fill("#id_description", "二号精密空调下方有积水，照片见附件。")
    client.set_input_files(
        "#id_attachments", {"name": "漏水.png", "mimeType": "image/png", "buffer": photo()}
    )
    assert page_width(client) <= PHONE["width"]
    screenshot(client, "ticket-journey-raise-360")
    client.locator("[data-testid=ticket-form] button[type=submit]").click()
    expect(client.locator("[data-testid=attachment]")).to_have_text("漏水.png")
    ticket = Ticket.objects.get(site=live_world.site_a)
    assert (ticket.status, ticket.category, ticket.priority) == (TicketStatus.NEW, "fault", "high")
    assert ticket.raised_by == live_world.client_a
    assert ticket.assignee == live_world.person_a
    assert ticket.attachments.get().size == len(photo())
    detail = url(live_server, "tickets:detail", ticket.pk)
    assert client.url == detail
    assert page_width(client) <= PHONE["width"]
    screenshot(client, "ticket-journey-raised-360")
    # The client answers only a resolved ticket: nothing to press while it is new.
    expect(client.locator("[data-testid^=move-]")).to_have_count(0)

    staff = new_page(PHONE)
    login(staff, live_server, "staff_a")
    staff.goto(detail)
    expect(staff.locator("[data-testid=assignee]")).to_have_text(live_world.person_a.name)
    move(staff, "acknowledge", "已收到，马上到机房查看。")
    move(staff, "start")
    move(staff, "resolve", "冷凝水排水管堵塞，已疏通并擦干地面，空调运行正常。")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED
    assert ticket.acknowledged_at <= ticket.resolved_at <= timezone.now()
    thread = staff.locator("[data-testid=thread] li")
    expect(thread).to_have_count(4)  # raised, acknowledged, started, resolved
    assert page_width(staff) <= PHONE["width"]
    screenshot(staff, "ticket-journey-resolved-360")

    client.goto(detail)
    expect(client.locator("[data-testid=thread]")).to_contain_text("冷凝水排水管堵塞")
    move(client, "confirm")
    rate = client.locator("[data-testid=rate]")
    rate.locator("input[name=rating][value='5']").check()
    rate.locator("textarea").fill("处理很快，谢谢。")
    rate.locator("button[type=submit]").click()
    expect(client.locator("[data-testid=rating]")).to_contain_text("5 / 5")
    expect(client.locator("[data-testid=rate]")).to_have_count(0)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating) == (TicketStatus.CLOSED, 5)
    assert ticket.rating_comment == "处理很快，谢谢。"
    assert page_width(client) <= PHONE["width"]
    screenshot(client, "ticket-journey-rated-360")

    try:
        choose = reverse("tickets:report_choose")
    except NoReverseMatch:
        return  # the month's service report page is not there yet
    supervisor = new_page(PHONE)
    login(supervisor, live_server, "supervisor_a")
    supervisor.goto(live_server.url + choose)
    # The supervisor's one site and this month are chosen already.
    supervisor.locator("[data-testid=report-choose] button[type=submit]").click()
    month = timezone.localdate().replace(day=1)
    supervisor.wait_for_url(url(live_server, "tickets:report", live_world.site_a.pk, month))
    expect(supervisor.locator("[data-testid=report-table]")).to_be_visible()
    # The month's one ticket, resolved in time and rated 5.
    expect(supervisor.locator("[data-figure=total]")).to_have_text("1")
    expect(supervisor.locator("[data-figure=breaches]")).to_have_text("0")
    expect(supervisor.locator("[data-figure=rating]")).to_have_text("5.00")
    assert page_width(supervisor) <= PHONE["width"]
    screenshot(supervisor, "ticket-journey-report-360")

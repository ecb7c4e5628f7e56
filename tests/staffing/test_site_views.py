from django.urls import reverse


def test_site_detail_names_supervisors_and_the_people_placed_today(client, world):
    world.supervisor_a.first_name, world.supervisor_a.last_name = "建国", "周"
    world.supervisor_a.save()
    client.force_login(world.hr)
    text = client.get(reverse("staffing:site_detail", args=[world.site_a.pk])).content.decode()
    assert "周建国" in text
    assert "张三" in text
    assert 'data-testid="on-site-count">1<' in text


def test_client_contact_sees_the_headcount_but_not_the_people(client, world):
    client.force_login(world.client_a)
    text = client.get(reverse("staffing:site_detail", args=[world.site_a.pk])).content.decode()
    assert 'data-testid="on-site-count">1<' in text
    assert "张三" not in text


def test_site_history_records_a_schedule_change(client, world):
    site = world.site_a
    site._history_user = world.hr
    site.schedule = "08:00-12:00,14:00-18:00"
    site.save()
    client.force_login(world.supervisor_a)
    text = client.get(reverse("staffing:site_detail", args=[site.pk])).content.decode()
    assert "08:30-12:00,14:00-17:30" in text
    assert "08:00-12:00,14:00-18:00" in text


def test_site_list_shows_only_visible_sites(client, world):
    client.force_login(world.staff_b)
    text = client.get(reverse("staffing:site_list")).content.decode()
    assert "乙中心" in text
    assert "甲机房" not in text


def test_the_time_zone_reads_as_beijing_time_not_its_code(client, world):
    client.force_login(world.hr)
    text = client.get(reverse("staffing:site_detail", args=[world.site_a.pk])).content.decode()
    assert "北京时间（UTC+8）" in text
    assert "Asia/Shanghai" not in text
    form = client.get(reverse("staffing:site_edit", args=[world.site_a.pk])).content.decode()
    assert '<option value="Asia/Shanghai" selected>北京时间（UTC+8）</option>' in form


def test_a_site_keeps_its_time_zone_when_edited(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("staffing:site_edit", args=[world.site_a.pk]),
        {"name": "甲机房", "address": "", "time_zone": "Asia/Urumqi", "schedule": "08:30-17:30"},
    )
    assert response.status_code == 302
    world.site_a.refresh_from_db()
    assert world.site_a.time_zone == "Asia/Urumqi"
    text = client.get(reverse("staffing:site_detail", args=[world.site_a.pk])).content.decode()
    assert "新疆时间（UTC+6）" in text

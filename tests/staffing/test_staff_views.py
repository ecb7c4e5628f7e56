from django.urls import reverse

from tests import factories


def detail(client, user, person) -> str:
    client.force_login(user)
    return client.get(reverse("staffing:staff_detail", args=[person.pk])).content.decode()


def test_hr_sees_the_full_id_number_and_salary(client, world):
    world.person_a.monthly_salary = 8800
    world.person_a.save()
    text = detail(client, world.hr, world.person_a)
    assert "110101199003071233" in text
    assert 'data-testid="salary">8800' in text


def test_everyone_else_sees_the_id_number_masked_and_no_salary(client, world):
    world.person_a.monthly_salary = 8800
    world.person_a.save()
    for user in (world.supervisor_a, world.manager, world.staff_a):
        text = detail(client, user, world.person_a)
        assert "110***********1233" in text
        assert "110101199003071233" not in text
        assert "8800" not in text


def test_history_shows_who_changed_what_and_masks_the_id_number_for_non_hr(client, world):
    person = world.person_a
    person._history_user = world.hr
    person.phone = "13900000000"
    person.id_number = "110101199003075672"
    person.save()
    hr_view = detail(client, world.hr, person)
    assert "13900000000" in hr_view
    assert "110101199003075672" in hr_view
    supervisor_view = detail(client, world.supervisor_a, person)
    assert "hr" in supervisor_view
    assert "110***********5672" in supervisor_view
    assert "110101199003075672" not in supervisor_view


def test_staff_list_search_and_status_filter(client, world):
    factories.StaffFactory(company=world.company, name="王五", status="candidate")
    client.force_login(world.hr)
    url = reverse("staffing:staff_list")
    assert "王五" in client.get(url, {"q": "王"}).content.decode()
    assert "张三" not in client.get(url, {"q": "王"}).content.decode()
    by_status = client.get(url, {"status": "candidate"}).content.decode()
    assert "王五" in by_status
    assert "张三" not in by_status


def test_staff_list_site_filter_shows_who_is_there_today(client, world):
    client.force_login(world.hr)
    text = client.get(reverse("staffing:staff_list"), {"site": world.site_b.pk}).content.decode()
    assert "李四" in text
    assert "张三" not in text


def test_supervisor_list_holds_only_their_site(client, world):
    client.force_login(world.supervisor_a)
    text = client.get(reverse("staffing:staff_list")).content.decode()
    assert "张三" in text
    assert "李四" not in text


def test_staff_list_query_count_does_not_grow_with_rows(client, world, django_assert_num_queries):
    client.force_login(world.hr)
    url = reverse("staffing:staff_list")
    with django_assert_num_queries(8):
        client.get(url)
    factories.StaffFactory.create_batch(40, company=world.company)
    with django_assert_num_queries(8):
        client.get(url)


def test_my_record_leads_staff_to_their_own_page(client, world):
    client.force_login(world.staff_a)
    response = client.get(reverse("staffing:my_record"))
    assert response["Location"] == reverse("staffing:staff_detail", args=[world.person_a.pk])

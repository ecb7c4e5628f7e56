from django.urls import reverse

from tests.factories import PASSWORD


def test_login_page_is_chinese_by_default(client):
    text = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in text
    assert "用户名" in text
    assert "登录" in text


def test_login_with_the_right_password_lands_on_the_dashboard(client, world):
    response = client.post(reverse("login"), {"username": "hr", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "工作台" in response.content.decode()


def test_a_wrong_password_says_so_in_chinese_and_does_not_log_in(client, world):
    response = client.post(reverse("login"), {"username": "hr", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "hr", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "hr", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_so_colleagues_can_still_log_in(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "hr", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "manager", "password": PASSWORD})
    assert response.status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "hr", "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": "hr", "password": PASSWORD}).status_code == 302
    )


def test_language_switch_turns_the_pages_english(client, world):
    client.force_login(world.hr)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("dashboard")).content.decode()
    assert 'lang="en"' in text
    assert "Dashboard" in text
    assert "工作台" not in text


def test_logout_needs_a_post(client, world):
    client.force_login(world.hr)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_an_english_browser_still_gets_chinese_until_the_person_switches(client):
    text = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert 'lang="en"' in text

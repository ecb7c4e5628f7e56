"""Factories of the core (onsite): role grants, notifications, policy settings and reminder
claims."""

import factory

from onsite.channels.models import GroupWebhook, WebhookService
from onsite.models import Notification, PolicySetting, ReminderClaim, RoleGrant, UserPreference
from onsite.roles import Role
from tests.factories.org import CompanyFactory, UserFactory

__all__ = [
    "GroupWebhookFactory",
    "NotificationFactory",
    "PolicySettingFactory",
    "ReminderClaimFactory",
    "RoleGrantFactory",
    "UserPreferenceFactory",
]


class RoleGrantFactory(factory.django.DjangoModelFactory):
    """HR admin of a new company unless told otherwise; a role at a site (supervisor, client
    contact) is given with `site=` and then has no company."""

    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = Role.HR_ADMIN
    site = None
    company = factory.Maybe(
        "site", yes_declaration=None, no_declaration=factory.SubFactory(CompanyFactory)
    )


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    class Params:
        # A notification that shows the text it is given (onsite.notifications.TEXT).
        title = factory.Sequence(lambda n: f"通知{n}")
        body = ""
        url = ""

    recipient = factory.SubFactory(UserFactory)
    kind = "onsite.text"
    params = factory.LazyAttribute(lambda o: {"title": o.title, "body": o.body, "url": o.url})


class PolicySettingFactory(factory.django.DjangoModelFactory):
    """A policy number set for a company (or, given `site=` and `company=None`, for a site)."""

    class Meta:
        model = PolicySetting

    company = factory.SubFactory(CompanyFactory)
    key = "late_grace_minutes"
    value = 5


class ReminderClaimFactory(factory.django.DjangoModelFactory):
    """A reminder already sent (claimed) for its kind, subject and period."""

    class Meta:
        model = ReminderClaim

    kind = "test"
    key = factory.Sequence(lambda n: f"subject-{n}")
    period = "2026-10"


class UserPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserPreference

    user = factory.SubFactory(UserFactory)
    language = "en"


class GroupWebhookFactory(factory.django.DjangoModelFactory):
    """A company's WeCom group robot."""

    class Meta:
        model = GroupWebhook

    company = factory.SubFactory(CompanyFactory)
    service = WebhookService.WECOM
    name = "运维群"
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test-key"

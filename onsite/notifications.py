"""The kinds of notification (SPEC §13) and how each is worded.

A notification stores its kind and its parameters (people's names, dates, numbers, ids for the
link), never its sentences: the title, the text and the link are written when the notification is
read or e-mailed, in the reader's language, so a Chinese supervisor reads Chinese whatever
language the person who caused it was using.

Each app registers its own kinds from `AppConfig.ready()` (`staffing/notifications.py`,
`attendance/notifications.py`); the core imports no app. A kind whose app is gone, or whose
parameters no longer fit its sentences, reads as a neutral "notification" instead of failing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

Params = Mapping[str, Any]
# A sentence with %(name)s placeholders filled from the parameters, or a function of them when
# the wording depends on a value (a status, a choice).
Text = str | Promise | Callable[[Params], str]


@dataclass(frozen=True)
class NotificationKind:
    key: str
    title: Text
    body: Text = ""
    # The page the notification opens, from the ids among its parameters.
    link: Callable[[Params], str] | None = None
    # Parameters as the kind's callers pass them: the registry test renders every kind with its
    # example, and checks each of these values shows.
    example: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    url: str


_REGISTRY: dict[str, NotificationKind] = {}


def notification_kind_register(kind: NotificationKind) -> None:
    """Called from an app's `AppConfig.ready()`. Two apps claiming one key is a mistake that
    would show one app's sentences for the other's notifications, so it fails at start-up."""
    known = _REGISTRY.get(kind.key)
    if known is not None and known != kind:
        raise ValueError(f"notification kind {kind.key!r} is registered twice")
    _REGISTRY[kind.key] = kind


def notification_kinds() -> list[NotificationKind]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.key)


def notification_kind(key: str) -> NotificationKind | None:
    return _REGISTRY.get(key)


def _text(text: Text, params: Params) -> str:
    if callable(text):
        return str(text(params))
    if not text:
        return ""
    return str(text) % params


def unknown() -> Rendered:
    return Rendered(
        title=gettext("Notification"),
        body=gettext("This notification can no longer be shown."),
        url="",
    )


def render(key: str, params: Params) -> Rendered:
    """The notification in the active language; never raises for what is stored."""
    kind = _REGISTRY.get(key)
    if kind is None:
        return unknown()
    try:
        return Rendered(
            title=_text(kind.title, params),
            body=_text(kind.body, params),
            url=kind.link(params) if kind.link else "",
        )
    except (KeyError, TypeError, ValueError, NoReverseMatch):
        # Parameters stored by an older version of the kind; the inbox must still open.
        logger.warning("notification of kind %s cannot be rendered from %r", key, params)
        return unknown()


# Notifications written before kinds had parameters keep their stored text under this kind;
# tests and one-off messages from the shell use it too.
TEXT = "onsite.text"
WELCOME = "onsite.welcome"

notification_kind_register(
    NotificationKind(
        key=TEXT,
        title=lambda params: params["title"],
        body=lambda params: params.get("body", ""),
        link=lambda params: params.get("url", ""),
        example={"title": "张三的请假待您审批", "body": "家中有事", "url": "/staff/1/"},
    )
)
notification_kind_register(
    NotificationKind(
        key=WELCOME,
        title=_("Welcome to Onsite"),
        body=_(
            "The demo data is ready: %(sites)s sites, with their staff, placements and "
            "contracts to look at."
        ),
        example={"sites": 3},
    )
)

"""Posting to group robots (SPEC §13): the address check, each service's text message and
signature, and the post itself, which records how it went on the webhook.

The server only talks to the services' own hosts over HTTPS, unless an admin names another host
in WEBHOOK_ALLOWED_HOSTS (an intranet relay): no address typed in a form makes the server
request anything else. Redirects are not followed, for the same reason.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from onsite.channels.models import GroupWebhook, WebhookService

logger = logging.getLogger(__name__)

# Each service's own hosts, from its documentation (Feishu's international edition is Lark).
SERVICE_HOSTS: dict[str, frozenset[str]] = {
    WebhookService.WECOM: frozenset({"qyapi.weixin.qq.com"}),
    WebhookService.DINGTALK: frozenset({"oapi.dingtalk.com"}),
    WebhookService.FEISHU: frozenset({"open.feishu.cn", "open.larksuite.com"}),
}
# What last_error keeps of an answer: enough to recognise it, not a whole error page.
ERROR_MAX = 500


class TemporaryFailure(Exception):
    """The network failed or the service answered 5xx: worth trying again later."""


def _allowed_host(host: str, port: int | None) -> bool:
    """A host an admin allowed, named alone (any port) or with its port."""
    for entry in settings.WEBHOOK_ALLOWED_HOSTS:
        entry = entry.strip().lower()
        if entry and (entry == host or (port is not None and entry == f"{host}:{port}")):
            return True
    return False


def webhook_url_check(*, service: str, url: str) -> None:
    """Raise ValidationError unless `url` is an HTTPS address on the service's own host, or an
    address on a host allowed in WEBHOOK_ALLOWED_HOSTS (which may also be plain HTTP)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ValidationError(_("Enter a valid webhook address.")) from None
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        raise ValidationError(_("Enter a valid webhook address."))
    if _allowed_host(host, port):
        if parts.scheme not in ("http", "https"):
            raise ValidationError(_("The webhook address must start with https://."))
        return
    if parts.scheme != "https":
        raise ValidationError(_("The webhook address must start with https://."))
    hosts = SERVICE_HOSTS.get(service, frozenset())
    if host not in hosts or port not in (None, 443):
        raise ValidationError(
            _("The webhook address must be on %(hosts)s, the service's own host.")
            % {"hosts": "、".join(sorted(hosts)) or "-"}
        )


def url_masked(url: str) -> str:
    """The address as shown on the settings page: the host and path, the key hidden."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "…"
    path = parts.path
    # Feishu's key is the last part of the path; WeCom's and DingTalk's are in the query.
    if "/hook/" in path:
        head, _sep, key = path.rpartition("/")
        path = f"{head}/{key[:4]}…" if key else path
    shown = f"{parts.scheme}://{parts.netloc}{path}"
    if parts.query:
        name, _sep, value = parts.query.partition("=")
        shown += f"?{name}={value[:4]}…" if value else f"?{name}"
    return shown


# --- each service's message ---------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    url: str
    body: dict


def dingtalk_sign(*, secret: str, timestamp: str) -> str:
    """DingTalk's 加签: base64(HmacSHA256(key=secret, msg="timestamp\\nsecret")), not yet
    URL-encoded (the query string does that)."""
    digest = hmac.new(
        secret.encode(), f"{timestamp}\n{secret}".encode(), digestmod=hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(*, secret: str, timestamp: str) -> str:
    """Feishu's 签名校验: base64(HmacSHA256(key="timestamp\\nsecret", msg=empty))."""
    digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", digestmod=hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def webhook_request(webhook: GroupWebhook, text: str, *, now: float | None = None) -> Request:
    """The address and JSON body of a text message in the service's documented format."""
    now = time.time() if now is None else now
    if webhook.service == WebhookService.DINGTALK:
        url = webhook.url
        if webhook.secret:
            timestamp = str(int(now * 1000))
            signed = urllib.parse.urlencode(
                {
                    "timestamp": timestamp,
                    "sign": dingtalk_sign(secret=webhook.secret, timestamp=timestamp),
                }
            )
            url += ("&" if urllib.parse.urlsplit(url).query else "?") + signed
        return Request(url, {"msgtype": "text", "text": {"content": text}})
    if webhook.service == WebhookService.FEISHU:
        body: dict = {"msg_type": "text", "content": {"text": text}}
        if webhook.secret:
            timestamp = str(int(now))
            body = {
                "timestamp": timestamp,
                "sign": feishu_sign(secret=webhook.secret, timestamp=timestamp),
                **body,
            }
        return Request(webhook.url, body)
    return Request(webhook.url, {"msgtype": "text", "text": {"content": text}})


def answer_error(service: str, answer: bytes) -> str:
    """The service's refusal in an HTTP 200 answer, or "" when it took the message."""
    try:
        data = json.loads(answer.decode("utf-8", "replace") or "{}")
    except ValueError:
        return _("The service answered something other than JSON.")
    if not isinstance(data, dict):
        return _("The service answered something other than JSON.")
    if service == WebhookService.FEISHU:
        # The current answer has `code`, the older one `StatusCode`.
        code = data.get("code", data.get("StatusCode", 0))
        message = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, message = data.get("errcode", 0), data.get("errmsg", "")
    if code in (0, "0", None):
        return ""
    return f"{code}: {message}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx is then raised as an HTTPError: a failure, never followed


_opener = urllib.request.build_opener(_NoRedirects)


def _send(request: Request) -> bytes:
    data = json.dumps(request.body, ensure_ascii=False).encode("utf-8")
    http_request = urllib.request.Request(
        request.url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    with _opener.open(http_request, timeout=settings.WEBHOOK_TIMEOUT) as response:
        return response.read(64 * 1024)


# --- posting --------------------------------------------------------------------------------------


def _failed(webhook: GroupWebhook, error: str) -> None:
    logger.warning("group robot %s (%s) post failed: %s", webhook.pk, webhook.service, error)
    GroupWebhook.objects.filter(pk=webhook.pk).update(
        last_error=error[:ERROR_MAX], last_error_at=timezone.now()
    )


def webhook_post(*, webhook_id: int, text: str) -> bool:
    """Post `text` to one robot; True when the service took it. A network error or a 5xx is
    recorded and raised as TemporaryFailure, for the task to retry; anything else (the address
    no longer allowed, a 4xx, the service's own refusal) is recorded and not retried."""
    webhook = GroupWebhook.objects.filter(pk=webhook_id, active=True).first()
    if webhook is None:
        return False
    try:
        # Checked again: the settings may have changed since the address was saved.
        webhook_url_check(service=webhook.service, url=webhook.url)
    except ValidationError as error:
        _failed(webhook, " ".join(error.messages))
        return False
    try:
        answer = _send(webhook_request(webhook, text))
    except urllib.error.HTTPError as error:
        _failed(webhook, f"HTTP {error.code} {error.reason}")
        if error.code >= 500:
            raise TemporaryFailure(f"HTTP {error.code}") from None
        return False
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        _failed(webhook, str(reason) or error.__class__.__name__)
        raise TemporaryFailure(str(reason)) from None
    refused = answer_error(webhook.service, answer)
    if refused:
        _failed(webhook, refused)
        return False
    GroupWebhook.objects.filter(pk=webhook.pk).update(last_ok_at=timezone.now())
    return True


def absolute_link(url: str) -> str:
    if not url or "://" in url:
        return url
    return f"{settings.ONSITE_BASE_URL.rstrip('/')}{url}"


def _queue_on_commit(webhook_id: int, text: str) -> None:
    from onsite.tasks import group_webhook_post_task

    # A function, not a partial: Django names it in the log when it fails.
    def queue_group_webhook_post() -> None:
        group_webhook_post_task.delay(webhook_id, text)

    # robust: a broker outage is logged, never raised into the work that just committed.
    transaction.on_commit(queue_group_webhook_post, robust=True)


def group_post(*, text: str, url: str = "", site=None, company=None) -> int:
    """Queue `text` and its link to every active robot of `site` and of `company`, each as its
    own task once the caller commits; returns how many were queued."""
    scope = Q(pk__in=[])
    if site is not None:
        scope |= Q(site=site)
    if company is not None:
        scope |= Q(company=company)
    link = absolute_link(url)
    message = f"{text}\n{link}" if link else text
    webhook_ids = list(GroupWebhook.objects.filter(scope, active=True).values_list("pk", flat=True))
    for webhook_id in webhook_ids:
        _queue_on_commit(webhook_id, message)
    return len(webhook_ids)


def webhook_test_post(*, webhook: GroupWebhook, by) -> int:
    """The settings page's "send a test message": one post, queued like any other."""
    from onsite.transitions import Refused

    if not may_manage(by, company_id=webhook.company_id, site_id=webhook.site_id):
        raise Refused(
            _("Only HR of the company or the site's supervisor manages its group robots.")
        )
    if not webhook.active:
        raise Refused(_("This group robot is switched off: switch it on to send a test message."))
    from onsite.templatetags.onsite import person_name

    # A group has no language of its own: the default one, Chinese.
    with translation.override(settings.LANGUAGE_CODE):
        text = _("A test message from %(site_name)s, sent by %(person)s.") % {
            "site_name": settings.ONSITE_SITE_NAME,
            "person": person_name(by),
        }
    _queue_on_commit(webhook.pk, text)
    return 1


# --- managing the robots (the settings page) -------------------------------------------------


def may_manage(user, *, company_id: int | None = None, site_id: int | None = None) -> bool:
    """HR of a company manages its robots and those of the sites where a contract of it runs;
    a site's supervisor manages the site's. The same rule as GroupWebhook.objects.visible_to."""
    from onsite.access import access_for
    from onsite.org.models import Site

    access = access_for(user)
    if access.is_superuser:
        return True
    if company_id is not None:
        return company_id in access.hr_companies
    if site_id is None:
        return False
    return (
        site_id in access.supervised_sites
        or Site.objects.filter(pk=site_id, contracts__company_id__in=access.hr_companies).exists()
    )


def _check(webhook: GroupWebhook, by) -> None:
    from onsite.transitions import Refused

    if not may_manage(by, company_id=webhook.company_id, site_id=webhook.site_id):
        raise Refused(
            _("Only HR of the company or the site's supervisor manages its group robots.")
        )
    try:
        webhook_url_check(service=webhook.service, url=webhook.url)
    except ValidationError as error:
        raise Refused(*error.messages) from None
    if webhook.secret and webhook.service not in (
        WebhookService.DINGTALK,
        WebhookService.FEISHU,
    ):
        raise Refused(_("Only DingTalk and Feishu robots sign their messages with a secret."))


def webhook_save(*, webhook: GroupWebhook, by) -> GroupWebhook:
    """Add a robot or save its changes, after the same checks as the form."""
    _check(webhook, by)
    if webhook.pk is None:
        webhook.created_by = by
        webhook.save()
    else:
        # A new address or service starts a new record of how posts go.
        old = GroupWebhook.objects.filter(pk=webhook.pk).values("url", "service").first()
        if old and (old["url"] != webhook.url or old["service"] != webhook.service):
            webhook.last_ok_at = webhook.last_error_at = None
            webhook.last_error = ""
        webhook.save(
            update_fields=[
                "service",
                "name",
                "url",
                "secret",
                "active",
                "last_ok_at",
                "last_error",
                "last_error_at",
            ]
        )
    return webhook


def webhook_delete(*, webhook: GroupWebhook, by) -> None:
    from onsite.transitions import Refused

    if not may_manage(by, company_id=webhook.company_id, site_id=webhook.site_id):
        raise Refused(
            _("Only HR of the company or the site's supervisor manages its group robots.")
        )
    webhook.delete()

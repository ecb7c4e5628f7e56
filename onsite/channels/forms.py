"""The forms of the notification settings: one's own e-mail, and a group robot's address."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onsite.channels.models import SIGNED_SERVICES, GroupWebhook, WebhookService
from onsite.channels.services import webhook_url_check
from onsite.forms import BootstrapForm


class PreferenceForm(BootstrapForm):
    email_muted = forms.BooleanField(
        label=_("Do not e-mail me my notifications"),
        help_text=_("They still arrive in the inbox of Onsite."),
        required=False,
    )


class WebhookForm(BootstrapForm):
    """A robot's service, name and address, and its secret for DingTalk and Feishu. Once saved,
    the address and the secret are never shown back: left empty, they stay as they are."""

    service = forms.ChoiceField(label=_("service"), choices=WebhookService.choices)
    name = forms.CharField(label=_("name"), max_length=100)
    url = forms.CharField(
        label=_("webhook address"),
        max_length=500,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "https://oapi.dingtalk.com/robot/send?access_token=…"}
        ),
    )
    secret = forms.CharField(
        label=_("signing secret"),
        max_length=200,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("DingTalk's 加签 or Feishu's 签名校验 secret, if the robot has one."),
    )
    secret_clear = forms.BooleanField(label=_("Remove the signing secret"), required=False)
    active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args, instance: GroupWebhook | None = None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "service": instance.service,
                "name": instance.name,
                "active": instance.active,
            }
        super().__init__(*args, **kwargs)
        if instance is None:
            del self.fields["secret_clear"]
        else:
            self.fields["url"].help_text = _("Leave empty to keep the saved address.")
            self.fields["secret"].help_text = _("Leave empty to keep the saved secret.")

    def clean(self):
        data = super().clean()
        service = data.get("service")
        url = (data.get("url") or "").strip()
        if not url and self.instance is not None:
            url = self.instance.url
        if not url:
            self.add_error("url", _("Enter the robot's webhook address."))
        elif service:
            try:
                webhook_url_check(service=service, url=url)
            except ValidationError as error:
                self.add_error("url", error)
        data["url"] = url
        secret = data.get("secret", "")
        if self.instance is not None and not secret and not data.get("secret_clear"):
            secret = self.instance.secret
        if data.get("secret_clear"):
            secret = ""
        if secret and service and service not in SIGNED_SERVICES:
            self.add_error(
                "secret", _("Only DingTalk and Feishu robots sign their messages with a secret.")
            )
        data["secret"] = secret
        return data

    def apply(self, webhook: GroupWebhook) -> GroupWebhook:
        for name in ("service", "name", "url", "secret", "active"):
            setattr(webhook, name, self.cleaned_data[name])
        return webhook

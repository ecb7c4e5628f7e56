"""Django admin, scoped like every page: an HR admin sees and picks only their own companies'
records, on every admin page (list, change, delete, history, an old version). A record outside
the reader's scope answers 404, as one that does not exist. Superusers see and do everything.

HR keeps here what the app has no page for; records the app edits on its own pages, through
services and workflow transitions, HR only reads here (`edited_in_the_app`). Only a superuser
deletes a record or reverts it to an old version: a revert writes a whole old version past every
rule the services check."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from onsite.access import access_for
from onsite.converters import parse_id
from onsite.forms import BoundedMixin
from onsite.models import Notification, PolicySetting, RoleGrant
from onsite.policy import POLICIES
from onsite.policy import WHOLE as WHOLE_TYPES
from onsite.transitions import Refused


def _users_for_hr(company_ids):
    """Logins an HR admin may link: their companies' people and logins not yet linked at all."""
    users = get_user_model()._default_manager
    return users.filter(
        Q(staff_record__company_id__in=company_ids)
        | Q(role_grants__company_id__in=company_ids)
        | Q(role_grants__site__contracts__company_id__in=company_ids)
        | Q(staff_record__isnull=True, role_grants__isnull=True, is_superuser=False)
    ).distinct()


class ScopedAdmin(SimpleHistoryAdmin):
    """Rows, and the choices of every foreign key, are limited to the HR admin's companies.

    `company_field` is the lookup path from the model to its company; each model's admin names
    its own, and foreign-key choices use the path of the related model's admin."""

    company_field: str = "company"
    # The app edits these records on its own pages, where services check the rules and statuses
    # move only by their transitions: HR reads them here, only a superuser edits them.
    edited_in_the_app: bool = False

    def scope(self, request, model):
        access = access_for(request.user)
        manager = model._default_manager
        if access.is_superuser:
            return manager.all()
        if model is get_user_model():
            return _users_for_hr(access.hr_companies)
        model_admin = self.admin_site._registry.get(model)
        lookup = getattr(model_admin, "company_field", None)
        if lookup is None:
            return manager.none()
        return manager.filter(**{f"{lookup}__in": access.hr_companies}).distinct()

    def get_queryset(self, request):
        return self.scope(request, self.model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = self.scope(request, db_field.related_model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = self.scope(request, db_field.related_model)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _allowed(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def _edits(self, request) -> bool:
        if request.user.is_superuser:
            return True
        return self._allowed(request) and not self.edited_in_the_app

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self._edits(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._edits(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_view_history_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_change_history_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    # Every page of one record looks it up in the scoped queryset first; Django's own pages call
    # this hook when the lookup finds nothing (it would redirect to the index).
    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def _in_scope_or_404(self, request, object_id) -> None:
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404

    # Django asks for the permission to change or delete before it looks the record up: look it
    # up first, so a record outside the scope answers as on every other page.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history shows the last version of a record it cannot find (to show a
        # deleted record): a superuser's view only, who alone deletes.
        if not request.user.is_superuser:
            self._in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The old version is read from the history table, outside any scope: check its record.
        if not request.user.is_superuser:
            self._in_scope_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        # django-simple-history looks the version up as given: '²' would be a 500.
        try:
            parse_id(version_id)
        except ValueError:
            raise Http404 from None
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(RoleGrant)
class RoleGrantAdmin(ScopedAdmin):
    list_display = ["user", "role", "company", "department", "site"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_queryset(self, request):
        access = access_for(request.user)
        grants = RoleGrant.objects.select_related("user", "company", "department", "site")
        if access.is_superuser:
            return grants
        return grants.filter(
            Q(company_id__in=access.hr_companies)
            | Q(site__contracts__company_id__in=access.hr_companies)
        ).distinct()


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "title", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class PolicySettingForm(BoundedMixin, forms.ModelForm):
    key = forms.ChoiceField(
        label=_("policy"),
        # Called when the form is built: the apps register their keys after this module loads.
        choices=lambda: [
            (p.key, f"{p.label} ({p.unit_label})" if p.unit_label else str(p.label))
            for p in POLICIES.values()
        ],
    )

    class Meta:
        model = PolicySetting
        fields = ["key", "value", "company", "site"]

    def clean(self):
        # The stored number is checked against the key's type and bounds, as the policy page
        # checks what it saves (a time of day is entered here as minutes after midnight).
        data = super().clean()
        rule, value = POLICIES.get(data.get("key")), data.get("value")
        if rule is not None and value is not None:
            try:
                if rule.type in WHOLE_TYPES and value != int(value):
                    raise Refused(rule.wrong())
                rule.clean(rule.read(value))
            except Refused as refused:
                self.add_error("value", str(refused))
        return data


@admin.register(PolicySetting)
class PolicySettingAdmin(ScopedAdmin):
    form = PolicySettingForm
    list_display = ["key", "value", "company", "site"]
    list_filter = ["key"]

    def get_queryset(self, request):
        access = access_for(request.user)
        if access.is_superuser:
            return PolicySetting.objects.all()
        return PolicySetting.objects.filter(
            Q(company_id__in=access.hr_companies)
            | Q(site__contracts__company_id__in=access.hr_companies)
        ).distinct()

"""Django admin, scoped like every page: an HR admin sees and picks only their own companies'
records. Superusers see everything."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from onsite.access import access_for
from onsite.models import Notification, PolicySetting, RoleGrant
from onsite.policy import POLICIES


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

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


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


class PolicySettingForm(forms.ModelForm):
    key = forms.ChoiceField(
        label=_("policy"),
        choices=[(p.key, f"{p.label} ({p.unit}, {p.default})") for p in POLICIES.values()],
    )

    class Meta:
        model = PolicySetting
        fields = ["key", "value", "company", "site"]


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

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onsite.org.models import Assignment, Site, Staff, StaffStatus


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StaffStatus.choices)
    site = django_filters.ModelChoiceFilter(
        label=_("Site today"), queryset=Site.objects.none(), method="at_site"
    )

    class Meta:
        model = Staff
        fields = ["q", "status", "site"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["site"].queryset = Site.objects.visible_to(user).order_by("code")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(staff_no__icontains=value) | Q(phone__icontains=value)
        )

    def at_site(self, queryset, name, site):
        placed = Assignment.objects.active_on(timezone.localdate()).filter(
            staff=OuterRef("pk"), site=site
        )
        return queryset.filter(Exists(placed))

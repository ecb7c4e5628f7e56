from onsite.access import access_for
from onsite.models import Notification
from onsite.navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    return {
        "access": access,
        "nav_items": items_for(access),
        "user_roles": [role.label for role in access.roles],
        "can_use_admin": access.is_hr,
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    }

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from onsite.access import access_for
from onsite.roles import Role


def role_required(*roles: Role):
    """Signed in and holding one of `roles` (superusers pass); otherwise 403.

    This only opens the page; which rows it shows is still decided by `visible_to`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            access = access_for(request.user)
            if not (access.is_superuser or any(access.has(role) for role in roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

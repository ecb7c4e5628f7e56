"""What logging in keeps for the person: the language they chose on the login page, before
anyone knew who they were, so that their e-mails speak it too (SPEC §13)."""

from __future__ import annotations

from django.conf import settings

from onsite import services


def language_keep_on_login(sender, request, user, **kwargs) -> None:
    """Receiver of `user_logged_in` (connected in OnsiteConfig.ready()): the language switch
    saves a choice only for someone signed in, so a cookie set before logging in would
    otherwise change the pages and never the e-mails."""
    cookies = getattr(request, "COOKIES", None) or {}
    language = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if language not in dict(settings.LANGUAGES):
        return
    # Without a saved choice Chinese is read already; no row is written to say so again.
    if language != services.reader_language(user):
        services.user_language_set(user=user, language=language)

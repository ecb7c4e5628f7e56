class ChineseByDefaultMiddleware:
    """Onsite speaks Simplified Chinese unless a person picks English with the switch.

    Django would otherwise follow the browser's Accept-Language, and many office PCs and
    phones in China ship with English browsers. Placed before LocaleMiddleware, which then
    sees only the language cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)

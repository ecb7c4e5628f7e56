"""See tickets/urls.py."""

urlpatterns: list = []

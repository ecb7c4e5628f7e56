"""The URLs of service tickets (app_name "tickets"), included by onsite.urls when the first page comes;
every URL adds its rows to the permission matrix (tests/matrix)."""

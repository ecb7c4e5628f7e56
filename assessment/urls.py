"""The URLs of assessments (app_name "assessment"), included by onsite.urls when the first page comes;
every URL adds its rows to the permission matrix (tests/matrix)."""

"""SPEC §14 pages. Uploads, previews and templates are for HR admins; the roster export for
everyone with a staff list (HR, supervisors, managers). A preview, confirmation or result
belongs to the session that uploaded the file: HR asking for an upload not in their session
gets 404, exactly as for one that does not exist (tests/staffing/imports/test_import_views.py
goes through a real upload)."""

import uuid

from tests.matrix import Row, only

HR_ONLY = only(("hr",), other=403)
SOMEONE_ELSES_UPLOAD = only(("hr",), ok=404, other=403)


def _token(world) -> list:
    return [uuid.uuid4()]


ROWS = [
    Row("staffing:import_upload", HR_ONLY),
    Row("staffing:import_upload", HR_ONLY, method="post", label="staffing:import_upload POST"),
    Row("staffing:import_preview", SOMEONE_ELSES_UPLOAD, args=_token),
    Row("staffing:import_confirm", SOMEONE_ELSES_UPLOAD, method="post", args=_token),
    Row("staffing:import_result", SOMEONE_ELSES_UPLOAD, args=_token),
    Row("staffing:import_template", HR_ONLY, args=lambda w: ["staff"]),
    Row("staffing:roster_export", only(("hr", "supervisor_a", "manager"), other=403)),
]

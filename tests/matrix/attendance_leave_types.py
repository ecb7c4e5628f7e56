"""The leave-types page (SPEC §7): HR admins only; everyone else signed in 403."""

from tests.matrix import Row, statuses

HR_ONLY = statuses(403, hr=200)

ROWS = [
    Row("attendance:leave_types", HR_ONLY),
    # An empty form names no kind: the page is shown again with the error.
    Row("attendance:leave_types", HR_ONLY, method="post", label="leave_types POST"),
]

"""One django-import-export resource per kind of SPEC §14, with the English keys as field names.

import-export runs the rows: it finds each row's record, tells new from updated from unchanged,
and wraps the run in one transaction. The resources here add what our records need:

- every cell is read by a widget of widgets.py, whose refusal is filed under the cell's column;
  rules across cells (`check`) add theirs, so one row reports all its problems at once;
- a row is unchanged when `state()` of the record is what it was when it was loaded; comparing
  that small tuple costs far less than import-export's deep copy and diff of every row;
- records a row creates on the way (a client, a position) are saved only with a valid row;
- a second row with the same identity in one file is refused, not applied twice;
- assignments go through `assignment_create`, so every rule that refuses a placement applies.
"""

from __future__ import annotations

from staffing.imports.resources.assignments import AssignmentResource
from staffing.imports.resources.base import Column, ImportResource, PreloadedLoader, add_error, ref
from staffing.imports.resources.organisation import (
    GRACE_MAXIMUM,
    GRACE_POLICY_KEY,
    CompanyResource,
    ContractResource,
    SiteResource,
)
from staffing.imports.resources.staff import StaffResource

RESOURCES: dict[str, type[ImportResource]] = {
    resource.kind: resource
    for resource in (
        CompanyResource,
        SiteResource,
        ContractResource,
        StaffResource,
        AssignmentResource,
    )
}

__all__ = [
    "GRACE_MAXIMUM",
    "GRACE_POLICY_KEY",
    "RESOURCES",
    "AssignmentResource",
    "Column",
    "CompanyResource",
    "ContractResource",
    "ImportResource",
    "PreloadedLoader",
    "SiteResource",
    "StaffResource",
    "add_error",
    "ref",
]

"""Staffing's import kinds, registered in StaffingConfig.ready() (SPEC §14)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.importkinds import ImportKind, import_kind_register

RESOURCES = "staffing.imports.resources"


def register() -> None:
    # In the order a new company is loaded: who, where, under which contract, who, placed where.
    for order, (key, label, resource) in enumerate(
        (
            ("companies", _("Dispatch companies"), "CompanyResource"),
            ("sites", _("Sites"), "SiteResource"),
            ("contracts", _("Contracts"), "ContractResource"),
            ("staff", _("Staff"), "StaffResource"),
            ("assignments", _("Assignments"), "AssignmentResource"),
        ),
        start=1,
    ):
        import_kind_register(ImportKind(key, label, f"{RESOURCES}.{resource}", order=order * 10))

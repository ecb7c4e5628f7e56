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
    # Paid expenses before Onsite (SPEC §14 `expenses`): the statistics and invoice check see them.
    import_kind_register(
        ImportKind(
            "expenses",
            _("Paid expenses"),
            "staffing.imports.expenses.ExpenseImport",
            bulk=True,
            note=_(
                "Paid history: each person's lines of a month become one paid claim. Category "
                "交通, 住宿, 餐饮, 通讯 or 补助; an invoice number another line of the company "
                "holds is refused; the same line again is left as it is."
            ),
            order=85,
            example=(
                ("staff_no", "E0001"),
                ("date", "2026-03-02"),
                ("category", "餐饮"),
                ("amount", "86.50"),
                ("invoice_no", "044002300111"),
            ),
        )
    )

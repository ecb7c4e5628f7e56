"""The import kind of assessment scores, registered in AssessmentConfig.ready() (SPEC §14)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onsite.importkinds import ImportKind, import_kind_register


def register() -> None:
    import_kind_register(
        ImportKind(
            "assessment_scores",
            _("Assessment scores"),
            "assessment.imports.scores.ScoreImport",
            bulk=True,
            note=_(
                "Cycle 2026Q3 or 2026-07, already opened; criterion 工作业绩, 工作态度, 团队协作 or "
                "客户满意度 (or its key); score 0–100 with at most one decimal. A closed cycle "
                "refuses its scores; the same score again is left as it is."
            ),
            order=90,
            example=(
                ("staff_no", "E0001"),
                ("cycle", "2026Q3"),
                ("criterion", "工作业绩"),
                ("score", "86.5"),
            ),
        )
    )

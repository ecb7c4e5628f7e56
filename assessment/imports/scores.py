"""Importing assessment scores (SPEC §14 `assessment_scores`): `staff_no, cycle, criterion, score`.

HR of a company imports the scores of its people (never their own record) into cycles already
opened; the importing user stands as the scorer. The scorer-role check of
assessment.services.scores.score_set (a supervisor scores attitude, a manager teamwork…) is
bypassed here, and only here: an import carries scores collected on paper by their scorers, and
HR of the company is who may enter them for everyone. Every other rule of a score holds: the value
as score_value reads it, a closed cycle refusing every change (checked again under a lock while
writing, so a close at the same time wins or waits), and satisfaction computed from enough ticket
ratings not being overwritten. The whole file or nothing (unless bad rows are skipped), each error
by row and column; the same score again is left as it is, so the same file twice changes nothing."""

from __future__ import annotations

import contextlib
import unicodedata
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import Cycle, Score, Scorer
from assessment.services.cycles import period_of
from assessment.services.scores import closed_refusal, satisfaction_for, score_value
from onsite.org.models import Staff
from onsite.transitions import Refused
from staffing.imports.context import ImportContext
from staffing.imports.expenses import Problems
from staffing.imports.resources import Column
from staffing.imports.services import ImportReport, ImportRows, RowError
from staffing.imports.widgets import Text, empty_cell

STAFF_NO = Text(max_length=40, required=True, code=True)
# The SPEC's labels of the default criteria, whatever language the cycle was opened in.
LABELS = {"工作业绩": "performance", "工作态度": "attitude", "团队协作": "teamwork"}
LABELS["客户满意度"] = "satisfaction"


def _text(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell or "").strip()


class ScoreImport:
    kind = "assessment_scores"
    device_log = False
    columns = (
        Column("staff_no", "工号", required=True),
        Column("cycle", "考核周期", required=True, aliases=("周期",)),
        Column("criterion", "考核项目", required=True, aliases=("项目",)),
        Column("score", "得分", required=True, aliases=("分数",)),
    )

    def __init__(self, *, context: ImportContext):
        self.context = context

    def run(
        self, *, rows: ImportRows, report: ImportReport, dry_run: bool, skip_invalid: bool
    ) -> ImportReport:
        problems = Problems(rows, report)
        parsed = self._parse(rows, problems)
        changes = self._judge(parsed, problems, report)
        problems.fill(report)
        report.new = sum(1 for c in changes if c["found"] is None)
        report.updated = len(changes) - report.new
        if dry_run or (problems and not skip_invalid):
            return report
        try:
            with transaction.atomic():
                self._write(changes)
        except Refused as refused:
            # A cycle closed between the check and the write.
            report.errors.append(RowError(None, "—", str(refused)))
            report.new = report.updated = 0
            return report
        report.written = True
        return report

    def _parse(self, rows: ImportRows, problems: Problems) -> list[tuple[int, dict]]:
        position = {key: index for index, key in enumerate(rows.keys)}
        cells = [{k: row[i] for k, i in position.items()} for row in rows.rows]
        numbers = set()
        for cell in cells:
            with contextlib.suppress(ValueError):  # the row reports it below
                numbers.add(STAFF_NO.clean(cell.get("staff_no", "")))
        staff = Staff.objects.filter(staff_no__in=numbers).only("pk", "staff_no", "company_id")
        if not self.context.unrestricted:
            staff = staff.filter(company_id__in=self.context.access.hr_companies)
        people: dict[str, list[Staff]] = defaultdict(list)
        for person in staff:
            people[person.staff_no].append(person)
        companies = {person.company_id for found in people.values() for person in found}
        labels = {_text(c.get("cycle", "")) for c in cells}
        cycles = {
            (cycle.company_id, cycle.label): cycle
            for cycle in Cycle.objects.filter(company_id__in=companies, label__in=labels)
        }
        criteria = defaultdict(dict)
        for cycle in cycles.values():
            for criterion in cycle.criteria.all():
                criteria[cycle.pk][criterion.key] = criterion
                criteria[cycle.pk].setdefault(criterion.label, criterion)
        own = self.context.access.staff_id if self.context.user is not None else None
        parsed = []
        for number, cell in zip(rows.numbers, cells, strict=True):
            errors: list[tuple[str, str]] = []
            person = cycle = criterion = value = None
            try:
                staff_no = STAFF_NO.clean(cell.get("staff_no", ""))
            except ValueError as error:
                errors.append(("staff_no", str(error)))
                staff_no = None
            found = people.get(staff_no, []) if staff_no else []
            if staff_no and not found:
                errors.append(
                    (
                        "staff_no",
                        _("Nobody of your companies has the staff number %(n)s.") % {"n": staff_no},
                    )
                )
            elif len(found) > 1:
                errors.append(
                    (
                        "staff_no",
                        _(
                            "Several companies have a staff member numbered %(n)s; import as "
                            "the HR admin of one company."
                        )
                        % {"n": staff_no},
                    )
                )
            elif found and found[0].pk == own:
                errors.append(
                    ("staff_no", _("This is your own record: your scores are entered by others."))
                )
            elif found:
                person = found[0]
            label = _text(cell.get("cycle", ""))
            if not label:
                errors.append(("cycle", str(empty_cell())))
            else:
                try:
                    period_of(label)
                except Refused as refused:
                    errors.append(("cycle", str(refused)))
                else:
                    if person is not None:
                        cycle = cycles.get((person.company_id, label))
                        if cycle is None:
                            errors.append(
                                (
                                    "cycle",
                                    _("The company has not opened the cycle %(label)s.")
                                    % {"label": label},
                                )
                            )
                        elif closed_refusal(cycle):
                            errors.append(("cycle", closed_refusal(cycle)))
            name = _text(cell.get("criterion", ""))
            if not name:
                errors.append(("criterion", str(empty_cell())))
            elif cycle is not None:
                own_criteria = criteria[cycle.pk]
                criterion = own_criteria.get(name) or own_criteria.get(
                    LABELS.get(name, name.lower())
                )
                if criterion is None:
                    errors.append(
                        (
                            "criterion",
                            _("The cycle %(label)s has no criterion “%(name)s”.")
                            % {"label": cycle.label, "name": name},
                        )
                    )
            raw = _text(cell.get("score", ""))
            if not raw:
                errors.append(("score", str(empty_cell())))
            else:
                try:
                    value = score_value(raw)
                except Refused as refused:
                    errors.append(("score", str(refused)))
            for key, message in errors:
                problems.add(number, key, message)
            if not errors:
                parsed.append(
                    (
                        number,
                        {"staff": person, "cycle": cycle, "criterion": criterion, "score": value},
                    )
                )
        return parsed

    def _judge(self, parsed, problems: Problems, report: ImportReport) -> list[dict]:
        if not parsed:
            return []
        stored = {
            (s.cycle_id, s.staff_id, s.criterion_id): s
            for s in Score.objects.filter(
                cycle_id__in={v["cycle"].pk for _n, v in parsed},
                staff_id__in={v["staff"].pk for _n, v in parsed},
            )
        }
        seen: dict[tuple, tuple[int, object]] = {}
        changes = []
        for number, values in parsed:
            person, cycle, criterion = values["staff"], values["cycle"], values["criterion"]
            identity = (cycle.pk, person.pk, criterion.pk)
            if identity in seen:
                if seen[identity][1] != values["score"]:
                    problems.add(
                        number,
                        "score",
                        _("Row %(row)s already gives %(name)s another score of %(criterion)s.")
                        % {
                            "row": seen[identity][0],
                            "name": person.name,
                            "criterion": criterion.label,
                        },
                    )
                else:
                    report.skipped += 1
                continue
            seen[identity] = (number, values["score"])
            found = stored.get(identity)
            if found is not None and found.score == values["score"]:
                report.skipped += 1  # the same score again changes nothing
                continue
            if criterion.scorer == Scorer.COMPUTED:
                computed, _rated = satisfaction_for(cycle=cycle, staff=person)
                if computed is not None:
                    problems.add(
                        number,
                        "criterion",
                        _("%(criterion)s is computed from the ratings of %(name)s's tickets.")
                        % {"criterion": criterion.label, "name": person.name},
                    )
                    continue
            changes.append({**values, "found": found})
        return changes

    def _write(self, changes: list[dict]) -> None:
        if not changes:
            return
        # The lock makes a close and an import at once wait for each other (as score_set does).
        locked = Cycle.objects.select_for_update().filter(pk__in={c["cycle"].pk for c in changes})
        for cycle in locked:
            refusal = closed_refusal(cycle)
            if refusal:
                raise Refused(refusal)
        by = self.context.user if getattr(self.context.user, "pk", None) else None
        now = timezone.now()
        for change in changes:
            record = change["found"] or Score(
                cycle=change["cycle"], staff=change["staff"], criterion=change["criterion"]
            )
            record.score = change["score"]
            record.scored_by = by
            record.scored_at = now
            record._history_user = by
            record._change_reason = _("Imported")
            record.save()

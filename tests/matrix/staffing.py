"""Staff records, qualification, the register and sites: HR acts; others in scope get 403."""

from django.core.files.base import ContentFile

from staffing.models import Condition, QualificationCheck
from tests.matrix import Row, only, statuses

SEE_A_NOT_HR = ("supervisor_a", "supervisor_staff", "staff_a", "manager")


def hr_acts_on_a(ok: int) -> dict[str, int]:
    return only(("hr",), ok=ok) | {role: 403 for role in SEE_A_NOT_HR}


def check_of(person) -> list:
    check, _ = QualificationCheck.objects.get_or_create(staff=person, condition=Condition.HEALTH)
    check.evidence.save("健康证.pdf", ContentFile(b"%PDF-1.4 test"))
    return [check.pk]


def check_of_a(w) -> list:
    return check_of(w.person_a)


ROWS = [
    Row("staffing:staff_new", statuses(403, hr=200)),
    Row("staffing:staff_edit", hr_acts_on_a(200), args=lambda w: [w.person_a.pk]),
    Row("staffing:staff_status", hr_acts_on_a(302), method="post", args=lambda w: [w.person_a.pk]),
    Row("staffing:record_add", hr_acts_on_a(302), method="post", args=lambda w: [w.person_a.pk]),
    Row("staffing:assignment_new", hr_acts_on_a(200), args=lambda w: [w.person_a.pk]),
    Row("staffing:check_record", hr_acts_on_a(302), method="post", args=check_of_a),
    Row(
        "staffing:check_evidence",
        only(("hr", "staff_a")) | {"supervisor_a": 403, "supervisor_staff": 403, "manager": 403},
        args=check_of_a,
    ),
    # Site A's supervisor and an outsider know nothing of a document of site B's person.
    Row(
        "staffing:check_evidence",
        only(("hr", "staff_b")) | {"manager": 403},
        args=lambda w: check_of(w.person_b),
        label="check_evidence B",
    ),
    Row(
        "staffing:site_edit",
        only(("hr",))
        | {
            r: 403
            for r in (
                "manager",
                "finance",
                "supervisor_a",
                "supervisor_staff",
                "client_a",
                "staff_a",
            )
        },
        args=lambda w: [w.site_a.pk],
    ),
]

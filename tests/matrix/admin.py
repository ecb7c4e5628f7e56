"""The back office (/admin/): every admin URL of every registered model.

Only HR admins (and superusers, who are not in the matrix world) get past the admin's login; every
other role, and anonymous, is sent to it (302). What HR may do depends on the model:

- EDIT: records the app has no page for (role grants, policy settings, departments, clients,
  sites, contracts, positions): HR reads, adds and changes them, in their own companies;
- READ: records the app edits on its own pages through services and workflow transitions (staff,
  assignments, change notices, resignations, offboarding): HR reads them here, changes nothing;
- NONE: logins, groups, login attempts and notifications: superusers only (403).

Nobody but a superuser deletes or reverts a record from its history (403). A model registered in
the admin without an entry in `MODELS` fails `test_every_url_is_in_the_matrix`."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from onsite.models import PolicySetting
from onsite.policy import POLICIES
from staffing.models import ChangeKind, ChangeNotice, LeavingReason, Offboarding, Resignation
from tests import factories
from tests.conftest import World
from tests.matrix import Row, statuses

HR = ("hr", "hr_staff")


def hr_gets(status: int) -> dict[str, int]:
    """HR (also the HR admin who is staff: the back office changes nothing of anyone) gets
    `status`; everyone else is sent to the admin's login."""
    return statuses(302, **{role: status for role in HR})


# One record of the world's company for each registered model.
def _assignment(w: World):
    return w.person_a.assignments.get()


def _access(model):
    def build(w: World):
        fields = {"user_agent": "curl", "ip_address": "10.0.0.1", "username": "staff_a"}
        fields |= {"http_accept": "*/*", "path_info": "/accounts/login/"}
        if model is AccessAttempt:
            fields |= {"get_data": "", "post_data": "", "failures_since_start": 1}
        return model.objects.create(**fields)

    return build


def _change_notice(w: World):
    return ChangeNotice.objects.create(
        company=w.company,
        site=w.site_a,
        kind=ChangeKind.DEPARTURE,
        leaving=w.person_a,
        planned_on=datetime.date(2026, 12, 1),
        reason="合同到期",
        filed_by=w.hr,
        notice_days=30,
        required_days=30,
    )


def _resignation(w: World):
    return Resignation.objects.create(
        staff=w.person_a,
        assignment=_assignment(w),
        leaving_on=datetime.date(2026, 12, 31),
        reason="回老家发展",
    )


def _offboarding(w: World):
    return Offboarding.objects.create(
        assignment=_assignment(w),
        reason=LeavingReason.CONTRACT_END,
        leaving_on=datetime.date(2026, 12, 31),
        started_by=w.hr,
    )


EDIT, READ, NONE = "edit", "read", "none"


@dataclass(frozen=True)
class AdminModel:
    hr: str
    record: Callable[[World], Model]
    hr_adds: bool = True


MODELS: dict[str, AdminModel] = {
    "auth.group": AdminModel(NONE, lambda w: Group.objects.create(name="值班组")),
    "auth.user": AdminModel(NONE, lambda w: w.staff_a),
    "axes.accessattempt": AdminModel(NONE, _access(AccessAttempt)),
    "axes.accesslog": AdminModel(NONE, _access(AccessLog)),
    "axes.accessfailurelog": AdminModel(NONE, _access(AccessFailureLog)),
    "onsite.notification": AdminModel(
        NONE, lambda w: factories.NotificationFactory(recipient=w.hr)
    ),
    "onsite.rolegrant": AdminModel(EDIT, lambda w: w.supervisor_a.role_grants.get()),
    "onsite.policysetting": AdminModel(
        EDIT,
        lambda w: PolicySetting.objects.create(
            key=next(iter(POLICIES)), value=3, company=w.company
        ),
    ),
    # A company is set up by the installation's administrator; its HR may rename it.
    "org.company": AdminModel(EDIT, lambda w: w.company, hr_adds=False),
    "org.department": AdminModel(
        EDIT, lambda w: factories.DepartmentFactory(company=w.company, name="运维部")
    ),
    "org.client": AdminModel(EDIT, lambda w: w.site_a.client),
    "org.site": AdminModel(EDIT, lambda w: w.site_a),
    "org.contract": AdminModel(EDIT, lambda w: _assignment(w).contract),
    "org.position": AdminModel(EDIT, lambda w: _assignment(w).position),
    "org.staff": AdminModel(READ, lambda w: w.person_a),
    "org.assignment": AdminModel(READ, _assignment),
    "staffing.changenotice": AdminModel(READ, _change_notice),
    "staffing.resignation": AdminModel(READ, _resignation),
    "staffing.offboarding": AdminModel(READ, _offboarding),
}


def _pk_of(spec: AdminModel):
    return lambda w: [spec.record(w).pk]


def _version_of(spec: AdminModel):
    def args(w: World) -> list:
        record = spec.record(w)
        return [record.pk, record.history.latest().history_id]

    return args


def model_rows(label: str, spec: AdminModel) -> list[Row]:
    prefix = "admin:" + label.replace(".", "_")
    if spec.hr == NONE:
        rows = [
            Row(f"{prefix}_changelist", hr_gets(403)),
            Row(f"{prefix}_add", hr_gets(403)),
            Row(f"{prefix}_change", hr_gets(403), args=_pk_of(spec)),
            Row(f"{prefix}_delete", hr_gets(403), args=_pk_of(spec)),
            Row(f"{prefix}_history", hr_gets(403), args=_pk_of(spec)),
        ]
        if label == "auth.user":
            rows.append(Row("admin:auth_user_password_change", hr_gets(403), args=_pk_of(spec)))
        return rows
    edits = spec.hr == EDIT
    return [
        Row(f"{prefix}_changelist", hr_gets(200)),
        Row(f"{prefix}_add", hr_gets(200 if edits and spec.hr_adds else 403)),
        Row(f"{prefix}_change", hr_gets(200), args=_pk_of(spec)),
        *(
            []
            if edits
            else [
                # Shown read-only; a change posted all the same is refused.
                Row(
                    f"{prefix}_change",
                    hr_gets(403),
                    method="post",
                    args=_pk_of(spec),
                    label=f"{prefix}_change POST",
                )
            ]
        ),
        Row(f"{prefix}_delete", hr_gets(403), args=_pk_of(spec)),
        Row(f"{prefix}_history", hr_gets(200), args=_pk_of(spec)),
        # An old version is shown; posting it back (a revert) is for superusers only.
        Row(f"{prefix}_simple_history", hr_gets(200), args=_version_of(spec)),
        Row(
            f"{prefix}_simple_history",
            hr_gets(403),
            method="post",
            args=_version_of(spec),
            label=f"{prefix}_simple_history POST",
        ),
    ]


def _staff_on_site(w: World) -> list:
    return [ContentType.objects.get_for_model(w.person_a).pk, w.person_a.pk]


ROWS = [
    Row("admin:index", hr_gets(200)),
    # HR is sent on to the index; everyone else signed in sees the login page, with a word that
    # they are not allowed in.
    Row("admin:login", statuses(200, anonymous=200, hr=302, hr_staff=302)),
    # HR is signed out and sent to the sign-in page; everyone else to the admin's login.
    Row("admin:logout", statuses(302), method="post"),
    Row("admin:password_change", hr_gets(200)),
    Row("admin:password_change_done", hr_gets(200)),
    Row("admin:jsi18n", hr_gets(200)),
    # Without its parameters the lookup is refused; tests/onsite/test_admin_scope.py asks it
    # for records.
    Row("admin:autocomplete", hr_gets(403)),
    # No record of the project has a page of its own to send the admin to.
    Row("admin:view_on_site", hr_gets(404), args=_staff_on_site),
    Row("admin:app_list", hr_gets(200), args=lambda w: ["staffing"], label="admin staffing"),
    Row("admin:app_list", hr_gets(200), args=lambda w: ["org"], label="admin org"),
    Row("admin:app_list", hr_gets(200), args=lambda w: ["onsite"], label="admin onsite"),
    Row("admin:app_list", hr_gets(404), args=lambda w: ["auth"], label="admin auth"),
    Row("admin:app_list", hr_gets(404), args=lambda w: ["axes"], label="admin axes"),
]
for _label, _spec in MODELS.items():
    ROWS += model_rows(_label, _spec)

"""The review of a claim (SPEC §10): the decisions taken on the claim's page (the site's
supervisor signs, a manager approves a late claim, finance approves; any of them returns it with
a reason), and 报销签字, the list of claims waiting for a supervisor's signature or a manager's
approval of a late claim.

The decisions are the core workflow's actions (staffing/workflows.py CLAIM): this module only
loads the claim the reader sees (404 outside), tells a second reviewer what happened meanwhile,
and shows the service's refusal as a message."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from onsite.decorators import role_required
from onsite.roles import Role
from onsite.transitions import Refused
from onsite.viewhelpers import form_errors, page_of, refused
from onsite.workflows import workflow_for
from staffing import permissions as rules
from staffing.models import Claim, ClaimStatus
from staffing.views.claims import claim_for

C = ClaimStatus
REASON_LENGTH = Claim._meta.get_field("return_reason").max_length
DECISIONS = ("sign", "approve_late", "approve", "return")
DONE = {
    "sign": gettext_lazy("The claim is signed."),
    "approve_late": gettext_lazy("The late claim is approved: it goes to finance."),
    "approve": gettext_lazy("The claim is approved: it waits for payment."),
    "return": gettext_lazy("The claim is returned to its claimant with your reason."),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=[(d, d) for d in DECISIONS]
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=REASON_LENGTH)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("note") or "").strip():
            raise forms.ValidationError(_("Say why the claim goes back."))
        return data


@login_required
@require_POST
def claim_decide(request, pk: int):
    claim = claim_for(request, pk)
    flow = workflow_for("claim")
    # Two reviewers at once: the second reads what happened, not a 403; anyone who never could
    # decide it (its claimant among them) gets 403.
    stale = flow.stale(request.user, claim, request.POST.get("decision"))
    if stale:
        messages.error(request, stale)
        return redirect("staffing:claim_detail", claim.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("staffing:claim_detail", claim.pk)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"].strip()
    try:
        flow.perform(decision, record=claim, by=request.user, note=note)
    except Refused as refusal:
        refused(request, refusal)
    else:
        messages.success(request, DONE[decision])
    return redirect("staffing:claim_detail", claim.pk)


def to_sign_q(user) -> Q:
    """What waits for `user` before finance: a submitted claim of a site they supervise (to
    sign), a signed late claim of the people they manage (to approve)."""
    return (Q(status=C.SUBMITTED) & rules.may_sign_claim_q(user)) | (
        Q(status=C.SIGNED, late=True) & rules.may_approve_late_q(user)
    )


@role_required(Role.SUPERVISOR, Role.MANAGER)
@require_GET
def claims_to_sign(request):
    claims = (
        Claim.objects.visible_to(request.user)
        .filter(to_sign_q(request.user))
        .select_related("staff", "site")
        .order_by("submitted_at", "pk")
    )
    return render(request, "staffing/expenses/to_sign.html", {"page": page_of(request, claims)})


urlpatterns = [
    path("claims/<int:pk>/decide/", claim_decide, name="claim_decide"),
    path("claims/to-sign/", claims_to_sign, name="claims_to_sign"),
]

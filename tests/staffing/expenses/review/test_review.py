"""The review of a claim on its page (SPEC §10): the site's supervisor signs, a manager approves a
late claim, finance approves or returns it with a reason; a second reviewer reads what happened
meanwhile; nobody acts on their own claim; 报销签字 lists what waits for the reader."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from onsite.models import Notification
from onsite.workflows import workflow_for
from staffing.models import Claim, ClaimStatus
from staffing.services.claims import CLAIM_RETURNED
from tests import factories
from tests.dates import MONDAY, OCTOBER, SHANGHAI

pytestmark = pytest.mark.django_db
MEANWHILE = "此报销单已被他人处理，当前状态为“负责人已签字”。"
SUBMITTED_AT = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=SHANGHAI)


def claim_of(person, site, status=ClaimStatus.SUBMITTED, *, late=False, total="80.00"):
    claim = factories.ClaimFactory(
        staff=person,
        site=site,
        status=status,
        late=late,
        total=Decimal(total),
        month=OCTOBER,
        submitted_at=SUBMITTED_AT,
        first_submitted_at=SUBMITTED_AT,
    )
    factories.ExpenseLineFactory(claim=claim, site=site, amount=Decimal(total), date=MONDAY)
    return claim


def decide(client, user, claim, decision, note=""):
    client.force_login(user)
    return client.post(
        reverse("staffing:claim_decide", args=[claim.pk]), {"decision": decision, "note": note}
    )


def said(response) -> list[str]:
    """The messages of this response (those of earlier posts in the test are left out)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


def test_the_supervisor_signs_and_finance_approves_through_the_page(client, world):
    claim = claim_of(world.person_a, world.site_a)
    response = decide(client, world.supervisor_a, claim, "sign")
    assert response.status_code == 302
    assert response.url == reverse("staffing:claim_detail", args=[claim.pk])
    assert said(response) == ["已签字。"]
    claim.refresh_from_db()
    assert (claim.status, claim.signed_by) == (ClaimStatus.SIGNED, world.supervisor_a)
    response = decide(client, world.finance, claim, "approve", "票据齐全")
    assert said(response) == ["已审核通过，等待付款。"]
    claim.refresh_from_db()
    assert (claim.status, claim.approved_by) == (ClaimStatus.APPROVED, world.finance)


def test_a_second_supervisor_reads_what_happened_meanwhile(client, two_roles):
    world = two_roles
    claim = claim_of(world.person_a, world.site_a)
    decide(client, world.supervisor_a, claim, "sign")
    response = decide(client, world.supervisor_staff, claim, "sign")
    assert response.status_code == 302
    assert said(response) == [MEANWHILE]
    claim.refresh_from_db()
    assert claim.signed_by == world.supervisor_a
    # Signed once: created, signed.
    assert claim.history.filter(status=ClaimStatus.SIGNED).count() == 1


def test_a_return_needs_a_reason_and_goes_back_to_the_claimant_with_it(client, world):
    claim = claim_of(world.person_a, world.site_a, ClaimStatus.SIGNED)
    response = decide(client, world.finance, claim, "return", "  ")
    assert said(response) == ["请说明退回理由。"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SIGNED
    response = decide(client, world.finance, claim, "return", "发票抬头不是本公司")
    assert said(response) == ["报销单已连同退回理由退回报销人。"]
    claim.refresh_from_db()
    assert (claim.status, claim.return_reason, claim.returned_from) == (
        ClaimStatus.RETURNED,
        "发票抬头不是本公司",
        ClaimStatus.SIGNED,
    )
    notice = Notification.objects.get(kind=CLAIM_RETURNED)
    assert notice.recipient == world.staff_a
    assert notice.params["reason"] == "发票抬头不是本公司"
    # The claimant edits it again: it is theirs to change.
    assert Claim.objects.get(pk=claim.pk).is_editable


def test_a_late_claim_reaches_finance_only_once_a_manager_approves_it(client, world):
    claim = claim_of(world.person_a, world.site_a, ClaimStatus.SIGNED, late=True)
    client.force_login(world.finance)
    listed = client.get(reverse("staffing:finance_claims")).content.decode()
    assert f'data-claim="{claim.pk}"' not in listed
    # Finance does not see it yet: 404, not a step it could take.
    assert decide(client, world.finance, claim, "approve").status_code == 404
    # The supervisor who signed it cannot approve it late.
    assert decide(client, world.supervisor_a, claim, "approve_late").status_code == 403
    response = decide(client, world.manager, claim, "approve_late")
    assert said(response) == ["已批准逾期报销，报销单转交财务审核。"]
    client.force_login(world.finance)
    listed = client.get(reverse("staffing:finance_claims")).content.decode()
    assert f'data-claim="{claim.pk}"' in listed
    decide(client, world.finance, claim, "approve")
    claim.refresh_from_db()
    assert (claim.status, claim.late_approved_by) == (ClaimStatus.APPROVED, world.manager)


def test_nobody_signs_their_own_claim(client, two_roles):
    world = two_roles
    own = claim_of(world.supervisor_person, world.site_a)
    assert decide(client, world.supervisor_staff, own, "sign").status_code == 403
    own.refresh_from_db()
    assert own.status == ClaimStatus.SUBMITTED
    # Another supervisor of the site signs it.
    decide(client, world.supervisor_a, own, "sign")
    own.refresh_from_db()
    assert own.signed_by == world.supervisor_a


def test_an_unknown_decision_is_refused_with_a_message_and_outsiders_get_404(client, world):
    claim = claim_of(world.person_a, world.site_a)
    response = decide(client, world.supervisor_a, claim, "pay")
    assert response.status_code == 302
    assert said(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert decide(client, world.staff_b, claim, "sign").status_code == 404
    assert decide(client, world.staff_a, claim, "sign").status_code == 403


def render_review(user, claim, *, may_pay=False) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "staffing/expenses/_review.html",
        {
            "claim": claim,
            "actions": workflow_for("claim").actions_for(user, claim),
            "may_pay": may_pay,
        },
        request=request,
    )


def test_the_include_shows_a_form_per_action_and_the_payment_for_finance(world):
    claim = claim_of(world.person_a, world.site_a)
    text = render_review(world.supervisor_a, claim)
    decide_url = reverse("staffing:claim_decide", args=[claim.pk])
    assert text.count(f'action="{decide_url}"') == 2
    assert 'data-action="sign"' in text and ">签字<" in text
    assert 'data-action="return"' in text and "required" in text and "退回理由（必填）" in text
    assert "claim_pay" not in text and 'data-action="pay"' not in text
    # The claimant has nothing to do: nothing at all.
    assert render_review(world.staff_a, claim).strip() == ""
    claim.status = ClaimStatus.SIGNED
    text = render_review(world.finance, claim)
    assert ">审核通过<" in text and 'data-action="return"' in text
    claim.status = ClaimStatus.APPROVED
    text = render_review(world.finance, claim, may_pay=True)
    assert f'action="{reverse("staffing:claim_pay", args=[claim.pk])}"' in text
    assert 'name="paid_on"' in text and 'name="reference"' in text
    claim.status, claim.late = ClaimStatus.SIGNED, True
    assert ">批准逾期报销<" in render_review(world.manager, claim)


def test_claims_to_sign_lists_the_supervisors_and_the_managers_claims(client, world):
    at_a = claim_of(world.person_a, world.site_a)
    at_b = claim_of(world.person_b, world.site_b)
    late = claim_of(world.person_b, world.site_b, ClaimStatus.SIGNED, late=True)
    on_time = claim_of(world.person_a, world.site_a, ClaimStatus.SIGNED)
    client.force_login(world.supervisor_a)
    text = client.get(reverse("staffing:claims_to_sign")).content.decode()
    assert f'data-claim="{at_a.pk}"' in text
    for other in (at_b, late, on_time):
        assert f'data-claim="{other.pk}"' not in text
    client.force_login(world.manager)
    text = client.get(reverse("staffing:claims_to_sign")).content.decode()
    assert f'data-claim="{late.pk}"' in text and "逾期报销" in text
    for other in (at_a, at_b, on_time):
        assert f'data-claim="{other.pk}"' not in text
    client.force_login(world.finance)
    assert client.get(reverse("staffing:claims_to_sign")).status_code == 403


@pytest.mark.parametrize("name", ["supervisor_a", "manager"])
def test_claims_to_sign_reads_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name
):
    claim_of(world.person_a, world.site_a)
    claim_of(world.person_a, world.site_a, ClaimStatus.SIGNED, late=True)
    client.force_login(world.users[name])
    url = reverse("staffing:claims_to_sign")
    client.get(url)
    with django_assert_num_queries(QUERIES) as one:
        client.get(url)
    for _ in range(12):
        claim_of(world.person_a, world.site_a)
        claim_of(world.person_a, world.site_a, ClaimStatus.SIGNED, late=True)
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.context["page"].paginator.count == 13
    assert one


# Session and user, the reader's grants and own staff record, the page's count, the unread
# notifications of the menu, the rows with their person and site.
QUERIES = 7


def test_the_claims_page_carries_the_review_forms_for_each_reader(client, world):
    claim = claim_of(world.person_a, world.site_a)
    url = reverse("staffing:claim_detail", args=[claim.pk])
    client.force_login(world.supervisor_a)
    text = client.get(url).content.decode()
    assert 'data-testid="review"' in text and 'data-action="sign"' in text
    client.force_login(world.staff_a)
    assert 'data-testid="review"' not in client.get(url).content.decode()
    claim.status = ClaimStatus.APPROVED
    claim.save()
    client.force_login(world.finance)
    text = client.get(url).content.decode()
    assert 'data-action="pay"' in text and 'data-action="approve"' not in text

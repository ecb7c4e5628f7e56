"""The bank account a person's claims are paid to (SPEC §10), recorded by HR of the person's
company on the staff record; never by HR on their own record (where their own pay goes). Each
change is kept by simple_history. The staff page shows it through
templates/staffing/expenses/_bank.html: whole to HR and finance of the company, masked to
anyone else."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onsite.access import acts_on_self, refuse_own_record
from onsite.forms import BootstrapForm
from onsite.org.models import Staff
from staffing import permissions as rules
from staffing.models import BankAccount

# A Chinese bank card has 16 to 19 digits, a company account up to 25; IBAN-like lengths fit too.
ACCOUNT_DIGITS = re.compile(r"^\d{8,34}$")


class BankAccountForm(BootstrapForm):
    bank_name = forms.CharField(
        label=gettext_lazy("Bank"),
        max_length=BankAccount._meta.get_field("bank_name").max_length,
    )
    account_number = forms.CharField(
        label=gettext_lazy("Account number"),
        max_length=BankAccount._meta.get_field("account_number").max_length + 10,
        help_text=gettext_lazy("Digits only; spaces are left out."),
    )

    def clean_bank_name(self) -> str:
        return self.cleaned_data["bank_name"].strip()

    def clean_account_number(self) -> str:
        number = re.sub(r"[\s-]", "", self.cleaned_data["account_number"])
        if not ACCOUNT_DIGITS.match(number):
            raise forms.ValidationError(_("Enter the account number: 8 to 34 digits."))
        return number


@login_required
def bank_account_edit(request, pk: int):
    staff = get_object_or_404(Staff.objects.visible_to(request.user), pk=pk)
    if acts_on_self(request.user, staff):
        refuse_own_record(by=request.user, staff=staff)
    if not rules.may_edit_bank_account(request.user, staff):
        raise PermissionDenied
    account = BankAccount.objects.filter(staff=staff).first()
    initial = (
        {"bank_name": account.bank_name, "account_number": account.account_number}
        if account
        else None
    )
    form = BankAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            BankAccount.objects.update_or_create(staff=staff, defaults=form.cleaned_data)
        messages.success(request, _("The bank account is saved."))
        return redirect("staffing:staff_detail", staff.pk)
    return render(request, "staffing/expenses/bank_form.html", {"form": form, "staff": staff})


urlpatterns = [
    path("staff/<int:pk>/bank-account/", bank_account_edit, name="bank_account_edit"),
]

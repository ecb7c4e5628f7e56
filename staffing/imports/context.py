"""What one import run knows: who imports (and so into which companies), the day, the file's own
row numbers, and the records rows refer to by name or code, each read once per run."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onsite.access import access_for
from onsite.org.models import Client, Company, Contract, Position, Site, Staff


@dataclass
class ImportContext:
    user: object | None  # None: the command line with no superuser, unrestricted
    today: datetime.date
    numbers: list[int] = field(default_factory=list)  # the file row of each dataset row
    # Rows saved so far in this run, by the identity the kind gives a row: a second row with
    # the same identity is refused rather than silently applied twice.
    saved: dict[object, int] = field(default_factory=dict)

    @cached_property
    def access(self):
        return access_for(self.user)

    @property
    def unrestricted(self) -> bool:
        return self.user is None or self.access.is_superuser

    def may_import_for(self, company_id: int | None) -> bool:
        return self.unrestricted or company_id in self.access.hr_companies

    def file_row(self, index: int) -> int:
        """The file's row number of the dataset row `index` (1-based, as import-export counts)."""
        return self.numbers[index - 1] if 0 < index <= len(self.numbers) else index + 1

    # Records named in rows, read once.

    @cached_property
    def companies(self) -> dict[str, Company]:
        return {company.name: company for company in Company.objects.all()}

    @cached_property
    def clients(self) -> dict[str, Client]:
        return {client.name: client for client in Client.objects.all()}

    @cached_property
    def sites(self) -> dict[str, Site]:
        return {site.code: site for site in Site.objects.all()}

    @cached_property
    def contracts(self) -> dict[str, Contract]:
        return {c.code: c for c in Contract.objects.select_related("company", "client")}

    @cached_property
    def positions(self) -> dict[tuple[int, str], Position]:
        return {(p.company_id, p.title): p for p in Position.objects.all()}

    def company(self, name: str) -> Company:
        company = self.companies.get(name)
        if not self.unrestricted and (company is None or not self.may_import_for(company.pk)):
            raise ValueError(
                _("You can import only for your own companies; “%(name)s” is not one of them.")
                % {"name": name}
            )
        if company is None:
            raise ValueError(_("There is no dispatch company named “%(name)s”.") % {"name": name})
        return company

    def client(self, name: str, *, create: bool) -> Client:
        """The client of that name; with `create`, a new unsaved one (saved with its row)."""
        client = self.clients.get(name)
        if client is None:
            if not create:
                raise ValueError(
                    _("There is no client named “%(name)s”; add it with a sites import first.")
                    % {"name": name}
                )
            client = self.clients[name] = Client(name=name)
        return client

    def position(self, company: Company, title: str) -> Position:
        """The company's position of that title; a new unsaved one (saved with its row)."""
        key = (company.pk, title)
        if key not in self.positions:
            self.positions[key] = Position(company=company, title=title)
        return self.positions[key]

    def site_list(self, codes: list[str]) -> list[Site]:
        unknown = [code for code in codes if code not in self.sites]
        if unknown:
            raise ValueError(
                ngettext(
                    "There is no site with the code %(codes)s.",
                    "There are no sites with the codes %(codes)s.",
                    len(unknown),
                )
                % {"codes": "、".join(unknown)}
            )
        return [self.sites[code] for code in codes]

    def contract(self, code: str) -> Contract:
        contract = self.contracts.get(code)
        if not self.unrestricted and (
            contract is None or not self.may_import_for(contract.company_id)
        ):
            raise ValueError(
                _("Contract %(code)s is not a contract of your companies.") % {"code": code}
            )
        if contract is None:
            raise ValueError(_("There is no contract with the code %(code)s.") % {"code": code})
        return contract

    def staff_member(self, company: Company, staff_no: str) -> Staff:
        key = (company.pk, staff_no)
        if key not in self._staff:
            self._staff[key] = Staff.objects.filter(company=company, staff_no=staff_no).first()
        if self._staff[key] is None:
            raise ValueError(
                _("%(company)s has no staff member with the number %(staff_no)s.")
                % {"company": company.name, "staff_no": staff_no}
            )
        return self._staff[key]

    @cached_property
    def _staff(self) -> dict[tuple[int, str], Staff | None]:
        return {}

"""Bad input never answers 500 (STYLE habit 16): every URL pattern of the project gets edge
values in each of its slots, in its query string and in its form fields, as an HR admin, a
supervisor and a member of staff; every form class of the project is bound to edge values and
either refuses them with a message or keeps the value in its domain."""

from __future__ import annotations

import datetime
import functools
import importlib
import inspect
import logging
import pkgutil
import re
import uuid
from decimal import Decimal

import pytest
from django import forms
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from onsite.converters import FIRST_DATE, LAST_DATE
from onsite.transitions import Refused
from staffing.models import OnboardingItemKind
from tests.conftest import World
from tests.test_permission_matrix import MATRIX

ROLES = ("hr", "supervisor_a", "staff_a")
LONG = "长" * 3_000
HUGE = "x" * 5_000_000
# Anything a slot, a query parameter or a field may be sent: out-of-range years, months and days,
# numbers beyond every database integer, digits Python reads as digits but int() refuses.
EDGES = (
    "0",
    "-1",
    "2147483648",
    "99999999999999999999",
    "1e20",
    "²",
    "٣",
    "0001",
    "9999",
    "10000",
    "0001-01",
    "9999-12",
    "10000-01",
    "2026-00",
    "2026-13",
    "2026-²",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "0000-00-00",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "24:61",
    LONG,
)
ADMIN_EDGES = ("0", "99999999999999999999", "²", "2026-13", LONG)
PROJECT_APPS = ("onsite", "staffing", "attendance", "assessment")


@pytest.fixture(autouse=True)
def _quiet():
    # Thousands of 404s and the 500s the test reports itself: the log would only bury them.
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def _template(pattern) -> tuple[str, list[str]]:
    """The pattern's text with each slot written `{name}`, and the slots' names in order."""
    text = str(pattern.pattern)
    if text.startswith("^"):
        names = re.findall(r"\(\?P<(\w+)>", text)
        text = text.lstrip("^").rstrip("$").replace("\\Z", "")
        text = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", r"{\1}", text)
        # Unnamed groups (django-simple-history's) take positional slots.
        unnamed = re.findall(r"\((?!\?)(?:[^()]|\([^()]*\))*\)", text)
        for n, group in enumerate(unnamed):
            text = text.replace(group, f"{{_{n}}}", 1)
            names.append(f"_{n}")
        text = text.replace("\\.", ".")
    else:
        names = re.findall(r"<(?:\w+:)?(\w+)>", text)
        text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    return text, names


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(name, template, slot names) of every pattern of the project, namespaces included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        text, names = _template(pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            for name, template, slots in url_patterns(pattern, prefix + text, inner):
                yield name, template, names + slots
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), prefix + text, names


# A slot's value where the matrix names none: something that exists in the world.
def default_slots(w: World) -> dict[str, str]:
    return {
        "object_id": str(w.person_a.pk),
        "app_label": "staffing",
        "content_type_id": "1",
        "site_pk": str(w.site_a.pk),
        "site_id": str(w.site_a.pk),
        "staff_pk": str(w.person_a.pk),
        "pk": str(w.person_a.pk),
        "month": "2026-10",
        "year": "2026",
        "day": "2026-10-05",
        "token": str(uuid.uuid4()),
        "kind": "staff",
        "fmt": "xlsx",
        "url": "x",
    }


def good_slots(w: World, name: str, slots: list[str], made: dict) -> dict[str, str]:
    """Slot values that answer a page: those of the URL's first row in the permission matrix
    (each of its builders run once), else the defaults."""
    values = {slot: default_slots(w).get(slot, "1") for slot in slots}
    row = next((row for row in MATRIX if row.name == name), None)
    if row is not None and slots:
        if row.args not in made:
            # Two builders may refuse to start the same thing twice (or need people this
            # world lacks); then the defaults do.
            try:
                with transaction.atomic():
                    made[row.args] = row.args(w)
            except (Refused, IntegrityError, AttributeError):
                made[row.args] = []
        args = made[row.args]
        if len(args) == len(slots):
            values.update(zip(slots, map(str, args), strict=True))
    return values


def resolves(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


def fill(template: str, values: dict[str, str]) -> str:
    for slot, value in values.items():
        template = template.replace("{" + slot + "}", value)
    return "/" + template


@functools.cache
def form_classes() -> list[type]:
    """Every form class defined in the project's apps (FilterSets count by their form)."""
    found: dict[str, type] = {}
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == info.name and issubclass(cls, forms.BaseForm):
                    found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[key] for key in sorted(found)]


@functools.cache
def form_fields() -> dict[str, forms.Field]:
    """One field of each name any form of the project has, to fill a post with edge values."""
    fields: dict[str, forms.Field] = {}
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            fields.setdefault(name, field)
    return fields


# Three posts (and query strings) per page: edge values too early, too late and unreadable.
PAYLOADS = 3
QUERY_EDGES = {
    "month": ("0001-01", "9999-12", "2026-13"),
    "year": ("0001", "10000", "²"),
    "page": ("-1", "99999999999999999999", "²"),
    "site": ("0", "99999999999999999999", "²"),
    "company": ("0", "99999999999999999999", "²"),
}


def posted_data(k: int) -> dict:
    data = {}
    for name, field in form_fields().items():
        values = [LONG if value is HUGE else value for value in edges_for(field)]
        if values:
            data[name] = values[k % len(values)]
    number = QUERY_EDGES["page"][k]
    # The approvals inbox reads items as kind:pk.
    data["items"] = [f"leave:{number}", f"overtime:{number}", number]
    data["item"] = f"correction:{number}"
    return data


def query_data(k: int) -> dict:
    return {**posted_data(k), **{name: values[k] for name, values in QUERY_EDGES.items()}}


def _send(client, method: str, url: str, data, failures: list, note: str):
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        error = response.exc_info[1] if response.exc_info else None
        failures.append(f"{method.upper()} {url[:100]}{note} as {client.role}: {error!r:.150}")
    return response


def _is_page(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html") or response.status_code == 302


@pytest.mark.django_db
def test_no_url_answers_500_to_edge_values(world):
    failures: list[str] = []
    made: dict = {}
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        clients[role].role = role
    for name, template, slots in url_patterns():
        admin = name.startswith("admin:")
        edges = ADMIN_EDGES if admin else EDGES
        good = good_slots(world, name, slots, made)
        urls = [fill(template, {**good, slot: edge}) for slot in slots for edge in edges]
        # A URL that matches no pattern is a 404 before any view runs.
        urls = [url for url in urls if resolves(url)]
        url = fill(template, good)
        for role in ("hr",) if admin else ROLES:
            client = clients[role]
            # The logout pattern signs the client out; every pattern starts signed in.
            client.force_login(world.users[role])
            for method, data in (("get", query_data), ("post", posted_data)):
                if admin and method == "post":
                    continue
                response = _send(client, method, url, {}, failures, "")
                # A role refused the page (403) is refused whatever the slots hold.
                if response.status_code in (403, 405):
                    continue
                for edge_url in urls:
                    _send(client, method, edge_url, {}, failures, "")
                # Edge values in the query and the form fields, where the page lets this role
                # in; not in a file (a PDF takes a second to render), which reads none.
                if admin or response.status_code == 404 or not _is_page(response):
                    continue
                for k in range(PAYLOADS):
                    _send(client, method, url, data(k), failures, f" with edges #{k}")
    assert failures == [], "\n".join(failures)


# Form fuzz ---------------------------------------------------------------------------------------


def constructor_kwargs(cls: type, w: World) -> dict:
    """What each form's __init__ asks for, from the world: the HR admin as the user, person A."""
    assignment = w.person_a.assignments.first()
    available = {
        "user": w.hr,
        "staff": w.person_a,
        "today": datetime.date(2026, 10, 5),
        "assignment": assignment,
        "choices": [("on_site", "on_site")],
        "kinds": OnboardingItemKind,
        "site": w.site_a,
        "company": w.company,
    }
    init = next(klass.__dict__["__init__"] for klass in cls.__mro__ if "__init__" in klass.__dict__)
    return {
        param.name: available[param.name]
        for param in inspect.signature(init).parameters.values()
        if param.kind is param.KEYWORD_ONLY and param.default is param.empty
    }


def edges_for(field: forms.Field) -> tuple[str, ...]:
    if isinstance(field, forms.DateTimeField):
        return ("0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01 00:00", "2026-13-01T08:00")
    if isinstance(field, forms.DateField):
        return ("0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2026-02-30", "²")
    if isinstance(field, forms.TimeField):
        return ("24:61", "²", "-1:00")
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return ("-1", "1e20", "99999999999999999999", "²", "NaN", "Infinity")
    if isinstance(field, forms.ModelChoiceField):
        return ("-1", "99999999999999999999", "²", LONG)
    if isinstance(field, forms.FileField):
        return ()
    return (HUGE, "²")


def in_domain(field: forms.Field, value) -> bool:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return FIRST_DATE <= value <= LAST_DATE
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return 0 <= value <= 10**9
    if isinstance(value, str):
        return len(value) <= 5_000
    return True


@pytest.mark.django_db
def test_every_form_refuses_edge_values_or_keeps_them_in_range(world):
    failures = []
    classes = form_classes()
    assert len(classes) > 20
    for cls in classes:
        kwargs = constructor_kwargs(cls, world)
        for name, field in cls.base_fields.items():
            for value in edges_for(field):
                try:
                    form = cls({name: value}, **kwargs)
                    form.is_valid()
                except Exception as error:
                    failures.append(f"{cls.__name__}.{name}={value[:20]!r}: {error!r}"[:200])
                    continue
                if name in form.errors:
                    if not all(form.errors[name]):
                        failures.append(f"{cls.__name__}.{name}={value[:20]!r}: empty message")
                    continue
                cleaned = form.cleaned_data.get(name)
                if not in_domain(field, cleaned):
                    failures.append(
                        f"{cls.__name__}.{name}={value[:20]!r} kept as {cleaned!r}"[:200]
                    )
    assert failures == [], "\n".join(failures)

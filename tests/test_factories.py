"""Every model of the project has a factory, and each factory makes a valid record with nothing
given: saved, passing the model's own validation and the database's constraints."""

import pytest
from django.apps import apps

from tests import factories

APPS = ("onsite", "org", "staffing", "attendance", "tickets", "assessment")
FACTORIES = [
    value
    for name, value in vars(factories).items()
    if name.endswith("Factory") and hasattr(value, "_meta")
]


def test_every_model_of_the_project_has_a_factory():
    made = {factory._meta.model for factory in FACTORIES}
    models = {
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model.__name__.startswith("Historical")
    }
    assert sorted(m._meta.label for m in models - made) == []


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_a_factory_makes_a_valid_record_with_nothing_given(factory):
    record = factory()
    assert record.pk is not None
    # The model's own rules (choices, lengths, clean()) accept it, not only the database.
    record.full_clean(exclude=["password"] if factory is factories.UserFactory else None)

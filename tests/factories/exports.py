"""Factories of the core's background exports."""

import factory

from onsite.exports.models import ExportJob
from tests.factories.org import UserFactory

__all__ = ["ExportJobFactory"]


class ExportJobFactory(factory.django.DjangoModelFactory):
    """An export asked for and waiting in the queue."""

    class Meta:
        model = ExportJob

    requested_by = factory.SubFactory(UserFactory)
    kind = "test"
    request_key = factory.Sequence(lambda n: f"{n:064x}")
    title = factory.Sequence(lambda n: f"导出{n}")
    params = factory.LazyFunction(lambda: {"month": "2026-10"})

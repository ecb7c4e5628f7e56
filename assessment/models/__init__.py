"""The models of assessment (SPEC §12)."""

from assessment.models.cycles import *  # noqa: F403

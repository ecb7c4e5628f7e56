"""A site's work schedule moved to the organisation layer (onsite.org.schedule), which the site
model needs; these names stay importable from here until the imports are rewritten."""

from onsite.org.schedule import (  # noqa: F401
    DASHES,
    PERIOD,
    SEPARATORS,
    SPACED_DASH,
    Period,
    Schedule,
    format_schedule,
    parse_schedule,
)

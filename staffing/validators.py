"""The checks for a person's and a site's fields moved to the organisation layer
(onsite.org.validators), which the staff and site models need; these names stay importable from
here, for the code that imports them and for staffing's old migrations that name them."""

from onsite.org.validators import (  # noqa: F401
    ID_CHECK_CODES,
    ID_EARLIEST_BIRTH_YEAR,
    ID_LENGTH,
    ID_WEIGHTS,
    LANDLINE,
    MOBILE,
    MOBILE_LENGTH,
    OLDEST_AGE,
    SALARY_MAX,
    YOUNGEST_AGE,
    age_on,
    id_number_birth_date,
    id_number_check_digit,
    normalise_id_number,
    normalise_phone,
    validate_birth_date,
    validate_id_matches_birth_date,
    validate_id_number,
    validate_phone,
    validate_schedule,
)

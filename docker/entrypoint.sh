#!/bin/sh
# Entry point of the Onsite image. "web" (the default) brings the database schema and the static
# files up to date, then serves on port 8000; any other command runs as given, for example
# `celery -A onsite worker` or `python manage.py createsuperuser`.
set -eu

if [ "${1:-web}" = "web" ]; then
    python manage.py migrate --noinput
    # The build already collected the static files into the image; collecting again costs a minute
    # of compression, so it runs only when STATIC_ROOT holds no manifest (e.g. an empty volume).
    if [ ! -f "${STATIC_ROOT:-/app/var/static}/staticfiles.json" ]; then
        python manage.py collectstatic --noinput --verbosity 0
    fi
    # WEB_CONCURRENCY and GUNICORN_TIMEOUT tune the two options that matter; GUNICORN_CMD_ARGS
    # (read by gunicorn itself) adds any other, e.g. "--max-requests 1000".
    exec gunicorn onsite.wsgi \
        --bind 0.0.0.0:8000 \
        --workers "${WEB_CONCURRENCY:-3}" \
        --timeout "${GUNICORN_TIMEOUT:-120}" \
        --worker-tmp-dir /dev/shm \
        --access-logfile -
fi

exec "$@"

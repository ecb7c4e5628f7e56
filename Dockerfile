# syntax=docker/dockerfile:1
# Onsite's production image: gunicorn serves the pages and, through WhiteNoise, the static files;
# the same image runs the Celery worker and beat. See "Production with docker-compose" in README.md.
# Everything is fetched at build time; the running containers need no internet.

# Front-end packages, exactly as package-lock.json pins them. Only node_modules leaves this stage.
FROM python:3.11-slim-bookworm AS assets
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error


FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's pango and harfbuzz, a CJK font for pages and PDFs, gettext for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --system --user-group --uid 10001 --create-home --home-dir /home/onsite onsite

WORKDIR /app
# Dependencies first, from pyproject.toml alone, so that a code change does not reinstall them.
# With no package folders beside it yet, `pip install .` installs the dependencies and an empty
# "onsite" distribution: the code runs from /app, where settings.BASE_DIR expects templates/,
# static/, locale/ and node_modules/ to sit beside the packages.
COPY pyproject.toml README.md ./
RUN pip install . && rm -rf build onsite.egg-info

COPY --from=assets /app/node_modules ./node_modules
COPY . .

ENV DJANGO_SETTINGS_MODULE=onsite.settings \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    CELERY_BEAT_SCHEDULE=/app/var/celerybeat/schedule

# Settings refuse to load without SECRET_KEY when DEBUG is off: build steps get a throwaway one,
# never stored in the image. var/ belongs to the app user: static files, uploads, beat schedule.
RUN SECRET_KEY=build-only-not-a-secret python manage.py compilemessages --ignore=node_modules \
 && mkdir -p var/static var/media var/celerybeat \
 && chown -R onsite:onsite var \
 && chmod 0755 docker/entrypoint.sh

USER onsite
RUN SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput --verbosity 0

EXPOSE 8000
# "web" (the default) migrates and starts gunicorn on port 8000; any other command runs as given,
# e.g. `celery -A onsite worker`. See docker/entrypoint.sh.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]

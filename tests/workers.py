"""A real Celery worker process on the test database and the test broker (Redis in CI).

Tests of tasks that matter use the `celery_worker` fixture: the task goes through the broker, a
separate `celery -A onsite worker` process runs it against the same test database (PostgreSQL's,
or SQLite's test file), and mail it sends is written to files the test reads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from onsite.celery import app as celery_app

BASE_DIR = Path(settings.BASE_DIR)


@dataclass
class WorkerProcess:
    process: subprocess.Popen
    mail_dir: Path

    def mails(self) -> list[str]:
        """Every message the worker sent. Django's file backend names a file by the second and
        the backend object's id, so two mails sent within one second can share a file, one
        after the other, each followed by a line of 79 dashes."""
        separator = "\n" + "-" * 79 + "\n"
        return [
            mail
            for path in sorted(self.mail_dir.glob("*.log"))
            for mail in path.read_text().split(separator)
            if mail.strip()
        ]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if db["NAME"] == ":memory:" or str(db["NAME"]).startswith("file:"):
            # Another process cannot open an in-memory database; settings.py gives SQLite a
            # test database file unless DATABASE_URL itself is in memory.
            raise RuntimeError("the worker tests need a database file, not an in-memory one")
        # Four slashes: the path after the scheme is absolute.
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def start_worker(mail_dir: Path, timeout: float = 30) -> WorkerProcess:
    celery_app.control.purge()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        # Four slashes: the path after the scheme is absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "CONN_MAX_AGE": "0",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "onsite",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker stopped: {process.stdout.read()}")
        if celery_app.control.inspect(timeout=0.5).ping():
            return WorkerProcess(process=process, mail_dir=mail_dir)
    process.kill()
    raise RuntimeError(f"the Celery worker did not answer in {timeout} s")


def stop_worker(worker: WorkerProcess) -> None:
    worker.process.terminate()
    try:
        worker.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.process.kill()


def wait_for(predicate, timeout: float = 20, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"not true within {timeout} s")

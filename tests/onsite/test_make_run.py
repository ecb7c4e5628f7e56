"""`make run`: the app on the embedded defaults (SQLite, e-mails as files, a file-system broker),
with a web process and a Celery worker writing to one database file."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

# Variables that choose something other than the embedded defaults.
NOT_EMBEDDED = ("DATABASE_URL", "EMAIL_URL", "REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY")


def run_python(code: str, **env: str) -> dict:
    """Run `code` with the project's settings on the embedded defaults (as `make run` does) and
    return the JSON it prints."""
    clean = {k: v for k, v in os.environ.items() if k not in NOT_EMBEDDED}
    script = "import django, json\ndjango.setup()\n" + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**clean, "DEBUG": "true", **env, "DJANGO_SETTINGS_MODULE": "onsite.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_waits_for_a_lock_writes_ahead_and_mail_is_kept_in_files_under_var():
    seen = run_python(
        """
        from django.conf import settings
        db = settings.DATABASES["default"]
        print(json.dumps({
            "engine": db["ENGINE"],
            "options": db.get("OPTIONS", {}),
            "email_backend": settings.EMAIL_BACKEND,
            "email_path": str(settings.EMAIL_FILE_PATH),
        }))
        """
    )
    assert seen["engine"] == "django.db.backends.sqlite3"
    options = seen["options"]
    assert options["timeout"] >= 10
    assert options["transaction_mode"] == "IMMEDIATE"
    pragmas = options["init_command"].replace(" ", "").lower()
    assert "journal_mode=wal" in pragmas
    assert "synchronous=normal" in pragmas
    assert seen["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert seen["email_path"] == str(settings.BASE_DIR / "var" / "mail")


def test_postgresql_keeps_no_sqlite_options():
    seen = run_python(
        """
        from django.conf import settings
        print(json.dumps(settings.DATABASES["default"].get("OPTIONS", {})))
        """,
        DATABASE_URL="postgres://onsite@127.0.0.1:5432/onsite",
    )
    assert "init_command" not in seen
    assert "transaction_mode" not in seen


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    # Two threads, so two connections to one file, as the web process and the worker have: the
    # first holds a write transaction for half a second; the second reads, then writes.
    outcome = run_python(
        """
        import threading, time
        from django.db import connection, transaction
        from django.db.utils import OperationalError

        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE visit (id INTEGER PRIMARY KEY, who TEXT)")
            cursor.execute("PRAGMA journal_mode")
            result = {"journal_mode": cursor.fetchone()[0]}
        connection.close()
        holding = threading.Event()

        def web():
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO visit (who) VALUES ('web')")
                holding.set()
                time.sleep(0.5)
            connection.close()

        def worker():
            holding.wait()
            started = time.monotonic()
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM visit")
                    result["seen"] = cursor.fetchone()[0]
                    cursor.execute("INSERT INTO visit (who) VALUES ('worker')")
            except OperationalError as error:
                result["error"] = str(error)
            result["waited"] = time.monotonic() - started
            connection.close()

        threads = [threading.Thread(target=web), threading.Thread(target=worker)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SELECT who FROM visit ORDER BY id")
            result["rows"] = [row[0] for row in cursor.fetchall()]
        print(json.dumps(result))
        """,
        DATABASE_URL=f"sqlite:///{tmp_path / 'two-writers.sqlite3'}",
    )
    assert "error" not in outcome, outcome
    assert outcome["journal_mode"] == "wal"
    # It waited for the first writer's commit, then saw its row.
    assert 0.3 <= outcome["waited"] < 5
    assert outcome["seen"] == 1
    assert outcome["rows"] == ["web", "worker"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("port", ["8000", "8001"])
def test_make_run_serves_and_announces_the_port_asked_for(port):
    args = ["make", "-n", "run"] + ([f"PORT={port}"] if port != "8000" else [])
    result = subprocess.run(
        args, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60, check=True
    )
    assert f"runserver 127.0.0.1:{port}" in result.stdout
    assert f"http://127.0.0.1:{port}/" in result.stdout
    other = "8001" if port == "8000" else "8000"
    assert f"127.0.0.1:{other}" not in result.stdout
    assert "var/mail" in result.stdout

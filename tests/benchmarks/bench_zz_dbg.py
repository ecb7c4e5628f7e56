from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.benchmarks.bench_dashboard import client_for


def test_dbg(db, demo, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    c = client_for("hr")
    r = c.get("/")
    with CaptureQueriesContext(connection) as cq:
        print(
            "in",
            len(connection.queries_log),
            cq.initial_queries,
            connection.force_debug_cursor,
            connection.queries_logged,
        )
        r = c.get("/")
        print("after", len(connection.queries_log), r.status_code)
    print(len(cq.captured_queries), cq.final_queries)

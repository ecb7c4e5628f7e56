"""Group robots (onsite/channels): a local HTTP server standing in for WeCom, DingTalk and
Feishu, allowed by WEBHOOK_ALLOWED_HOSTS, which records every post and answers what a test
tells it to."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from onsite.channels.models import GroupWebhook


@dataclass
class Post:
    path: str
    query: dict[str, str]
    body: dict
    content_type: str


@dataclass
class Robot:
    """The local server: `posts` received, and the next answers (status, JSON) to give."""

    base: str
    posts: list[Post] = field(default_factory=list)
    status: int = 200
    answer: dict = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})
    delay: float = 0.0

    def url(self, path: str = "/robot/send?access_token=abcdef123456") -> str:
        return self.base + path


@pytest.fixture
def robot(settings):
    state = Robot(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            parts = urllib.parse.urlsplit(self.path)
            state.posts.append(
                Post(
                    path=parts.path,
                    query=dict(urllib.parse.parse_qsl(parts.query)),
                    body=json.loads(raw.decode("utf-8")),
                    content_type=self.headers.get("Content-Type", ""),
                )
            )
            if state.delay:
                time.sleep(state.delay)
            answer = json.dumps(state.answer).encode()
            try:
                self.send_response(state.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except OSError:
                pass  # the client gave up (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.WEBHOOK_TIMEOUT = 2
    settings.ONSITE_BASE_URL = "https://onsite.example.com"
    yield state
    server.shutdown()
    server.server_close()


def webhook(*, robot: Robot, service: str = "dingtalk", path: str | None = None, **fields):
    """A robot's webhook on the local server, the site A's unless told otherwise."""
    paths = {
        "wecom": "/cgi-bin/webhook/send?key=wecom-key-123456",
        "dingtalk": "/robot/send?access_token=abcdef123456",
        "feishu": "/open-apis/bot/v2/hook/feishu-key-123456",
    }
    values = {
        "service": service,
        "name": f"{service} 群",
        "url": robot.url(path or paths[service]),
        **fields,
    }
    if "company" not in values and "site" not in values:
        raise TypeError("say whose robot: company= or site=")
    return GroupWebhook.objects.create(**values)

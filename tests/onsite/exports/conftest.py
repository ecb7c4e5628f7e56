"""A kind of export of the tests' own, so that the core is tested apart from any app:
"tests.echo" writes its `text` parameter into a text file, and only the users named in `who`
may have it."""

from __future__ import annotations

import pytest

from onsite.exports import registry
from onsite.exports.registry import ExportFailed, ExportFile, ExportKind

ECHO = "tests.echo"


def echo_build(*, params, user, progress):
    if params.get("fail") == "told":
        raise ExportFailed("这个月的考勤尚未判定，无法导出。")
    if params.get("fail") == "crash":
        raise RuntimeError("Traceback: secret internals /srv/onsite")
    progress(50)
    return ExportFile(
        name=f"回声-{params['text']}.txt",
        content=f"{params['text']} for {user.username}".encode(),
        content_type="text/plain",
    )


@pytest.fixture
def echo():
    kind = ExportKind(
        key=ECHO,
        label="Echo",
        title=lambda params: f"回声 {params['text']}",
        allows=lambda user, params: user.username in params.get("who", []),
        build=echo_build,
    )
    registry.export_kind_register(kind)
    yield kind
    registry._REGISTRY.pop(ECHO, None)

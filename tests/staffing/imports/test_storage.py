import os
import time

from staffing.imports.storage import root, sweep


def test_uploads_older_than_a_day_are_swept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old, new = root() / "old", root() / "new"
    for folder in (old, new):
        folder.mkdir(parents=True)
        (folder / "upload.csv").write_text("name\n")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(old, (two_days_ago, two_days_ago))
    sweep()
    assert not old.exists()
    assert new.exists()

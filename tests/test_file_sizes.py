"""A Python file of the project that passes 600 lines is split by area (STYLE habit 9): past
that length a module mixes concerns and is hard to review. Migrations are generated and exempt."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

PACKAGES = ("onsite", "staffing", "attendance", "tickets", "assessment")
LIMIT = 600


def oversized(root: Path) -> dict[str, int]:
    """Each Python file of the packages under `root` longer than LIMIT, with its line count."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.relative_to(root).parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found[str(path.relative_to(root))] = lines
    return found


def test_no_project_python_file_passes_600_lines():
    assert oversized(Path(settings.BASE_DIR)) == {}, (
        f"Split these files by area into modules of at most {LIMIT} lines."
    )


def test_the_size_check_finds_a_long_file_and_skips_migrations(tmp_path):
    long = "x = 1\n" * (LIMIT + 1)
    (tmp_path / "staffing" / "migrations").mkdir(parents=True)
    (tmp_path / "staffing" / "long.py").write_text(long)
    (tmp_path / "staffing" / "migrations" / "0001_initial.py").write_text(long)
    (tmp_path / "attendance").mkdir()
    (tmp_path / "attendance" / "short.py").write_text("x = 1\n" * LIMIT)
    assert oversized(tmp_path) == {"staffing/long.py": LIMIT + 1}

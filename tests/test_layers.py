"""The house has floors: the organisation, the core (onsite), staffing, attendance, then the new
apps; imports point down only, and no two top-level packages import each other.

Check it by hand with `.venv/bin/lint-imports` (the contracts are in pyproject.toml,
[tool.importlinter]). A lower layer that must tell a higher one something sends a signal
(onsite.signals) or calls a registry the higher app fills in its AppConfig.ready()."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("onsite", "staffing", "attendance", "tickets", "assessment")


@pytest.fixture(scope="module")
def package_imports() -> dict[tuple[str, str], list[str]]:
    """For each pair of top-level packages (importer, imported), the imports that make it, as
    `module -> module (line)`, migrations included."""
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    edges = defaultdict(list)
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            top, imported_top = module.split(".")[0], imported.split(".")[0]
            if top == imported_top:
                continue
            for detail in graph.get_import_details(importer=module, imported=imported):
                edges[top, imported_top].append(
                    f"{module} -> {imported} (line {detail['line_number']})"
                )
    return edges


def test_the_import_contracts_are_kept():
    result = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, "An import breaks the layers:\n" + result.stdout[-4000:]


def test_no_two_top_level_packages_import_each_other(package_imports):
    cycles = [
        f"{a} imports {b}: {package_imports[a, b][:3]}\n"
        f"{b} imports {a}: {package_imports[b, a][:3]}"
        for a, b in package_imports
        if a < b and (b, a) in package_imports
    ]
    assert not cycles, "Two packages import each other; the lower one should send a signal or " + (
        "call a registry instead:\n" + "\n".join(cycles)
    )


def test_no_longer_cycle_runs_through_the_top_level_packages(package_imports):
    above = defaultdict(set)
    for importer, imported in package_imports:
        above[importer].add(imported)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            below == goal or (below not in seen and reaches(below, goal, seen | {below}))
            for below in above[start]
        )

    circular = [package for package in PACKAGES if reaches(package, package, {package})]
    assert not circular, f"These packages import themselves round a cycle: {circular}"


def test_the_core_imports_no_feature_app(package_imports):
    found = [edge for app in PACKAGES[1:] for edge in package_imports.get(("onsite", app), [])]
    assert not found, "The core imports a feature app:\n" + "\n".join(found)


# One layout for every feature app, the one a new app copies (STYLE: the house).
FEATURE_APPS = ("staffing", "attendance", "tickets", "assessment")
LAYOUT_PACKAGES = ("models", "services", "selectors", "views", "forms")
LAYOUT_MODULES = ("permissions.py", "tasks.py", "urls.py")
# What else may sit at an app's top: what it registers with the core in ready(), and its
# imports, exports, commands and migrations. Anything else belongs in one of the packages above.
ALLOWED_TOP_LEVEL = {
    "__init__.py",
    "apps.py",
    "admin.py",
    "menu.py",
    "dashboard.py",
    "demo.py",
    "policy.py",
    "notifications.py",
    "workflows.py",
    "receivers.py",
    "signals.py",
    "filters.py",
    *LAYOUT_MODULES,
    *LAYOUT_PACKAGES,
    "imports",
    "exports",
    "management",
    "migrations",
}


@pytest.mark.parametrize("app", FEATURE_APPS)
def test_every_feature_app_has_the_shared_layout(app):
    root = ROOT / app
    missing = [
        f"{name}/" for name in LAYOUT_PACKAGES if not (root / name / "__init__.py").is_file()
    ]
    missing += [name for name in LAYOUT_MODULES if not (root / name).is_file()]
    assert not missing, f"{app} lacks {missing} (copy the layout of staffing/)"


@pytest.mark.parametrize("app", FEATURE_APPS)
def test_no_feature_app_keeps_a_loose_top_level_module(app):
    loose = sorted(
        entry.name
        for entry in (ROOT / app).iterdir()
        if (entry.suffix == ".py" or (entry.is_dir() and (entry / "__init__.py").exists()))
        and entry.name not in ALLOWED_TOP_LEVEL
    )
    assert not loose, (
        f"{app} has {loose} at its top: reads go in selectors/, writes in services/, pages in "
        "views/ (or add it to ALLOWED_TOP_LEVEL if it is a registry the core reads)"
    )

"""axe-core (package.json pins it; `npm ci` puts it in node_modules, never fetched from a CDN) run
on the pages the browser tests open.

`Audit.watch(page)` checks every page a test opens: axe runs once the page has loaded. A page
the test leaves before the check is over (Playwright cannot hold a navigation back while a
script runs) is opened again at teardown and checked then; the page a test ends on is checked
again as it is at the end. A serious or critical violation fails the test,
naming the rule, the elements and the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# The impacts that fail a test; "moderate" and "minor" ones are best practice, not barriers.
BLOCKING = ("serious", "critical")

# One run at a time: axe refuses to start while another run (the check on load) is going.
RUN_AXE = """async () => {
  const run = () => axe.run(document, {resultTypes: ["violations"]});
  window.__axeRuns = (window.__axeRuns || Promise.resolve()).then(run, run);
  const result = await window.__axeRuns;
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    page: str
    width: int
    id: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        targets = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.page} at {self.width} px: [{self.impact}] {self.id} ({self.help}): {targets}"


def run_axe(page: Page) -> list[Violation]:
    """Every violation axe finds on the page as it is now, whatever its impact."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `npm ci` (package.json lists axe-core)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = page.evaluate("() => location.pathname + location.search")
    return [
        Violation(
            page=path,
            width=width,
            id=v["id"],
            impact=v["impact"] or "",
            help=v["help"],
            targets=tuple(v["targets"]),
        )
        for v in page.evaluate(RUN_AXE)
    ]


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def report(violations: list[Violation]) -> str:
    return f"axe-core: {len(violations)} serious or critical violation(s):\n" + "\n".join(
        f"  {v}" for v in violations
    )


@dataclass
class Audit:
    """The serious and critical violations found on the pages of one test."""

    origin: str
    found: list[Violation] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    # Pages left before their check was over (a test clicks on at once); seen again at the end.
    missed: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        """Checks each page of the app once it has loaded."""
        self.pages.append(page)
        page.on("load", self.check)

    def check(self, page: Page) -> None:
        address = page.url
        if page.is_closed() or not address.startswith(self.origin):
            return
        try:
            self.found.extend(blocking(run_axe(page)))
            self.checked.add(address)
        except PlaywrightError:
            # Navigated away meanwhile; Playwright cannot run a script on a page being left.
            self.missed.append(address)

    def finish(self) -> list[Violation]:
        for page in self.pages:
            # The page a test ends on, as it is now (a fragment may have changed it since).
            self.check(page)
        if self.pages and not self.pages[0].is_closed():
            page = self.pages[0]
            # Opened again: every page of the app answers GET without changing anything.
            for address in dict.fromkeys(self.missed):
                if address not in self.checked:
                    page.goto(address)
                    self.check(page)
        # A page visited twice reports its faults once.
        return list(dict.fromkeys(self.found))

"""The browser suite: real node processes, Debian's chromium through Playwright, axe-core.

A story is a test that walks a person through the site as they would: `visitor` gives a
fresh Dutch-speaking browser, `Visitor.check(step)` audits the page (WCAG 2.1 AA, serious
and critical findings fail) and saves a numbered screenshot to test-output/screenshots/.

Playwright's sync API marks an asyncio loop as running in this thread for as long as it
lives, so nothing here may call asyncio.run() on the main thread while a browser is open
(node set-up runs in a worker thread) and the browser closes when this package's tests
end, before the rest of the suite's async tests run: hence scope="package", not "session".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect, sync_playwright

from tests.conftest import PASSWORD, RunningNode
from tests.federation.real_nodes import Person, in_thread, make_node

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")
PHONE: ViewportSize = {"width": 320, "height": 720}

_shot_numbers = itertools.count(1)


# Who is on every story's node before it starts; residents sign up in the stories.
STAFF = (
    Person("anna", "admin", "Anna de Vries"),
    Person("fatima", "buurtverbinder", "Fatima Bakker"),
    Person("joost", "contact", "Joost Smit"),
)
_in_thread = in_thread  # the stories' name for it


@pytest.fixture(scope="package")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    """One node shared by the stories; each story signs up its own residents."""
    running = make_node(tmp_path_factory.mktemp("browser") / "node", people=STAFF)
    yield running
    running.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    # CI installs both (make test); a missing one is a broken set-up, never a reason to skip.
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` or `apt-get install -y chromium`")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` or `cd tests/browser && npm ci`")
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()  # a run's screenshots are that run's only
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def audit(page: Page, name: str) -> None:
    """Fail when axe-core finds serious or critical WCAG 2.1 A/AA violations on the page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: tags}).then(r => r.violations)", AXE_TAGS
    )
    failing = [v for v in result if v["impact"] in FAILING_IMPACTS]
    if failing:
        lines = [
            f"- {v['id']} ({v['impact']}): {v['help']}; at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in failing
        ]
        pytest.fail(f"accessibility problems on '{name}' ({page.url}):\n" + "\n".join(lines))


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-output/screenshots/<NN>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{next(_shot_numbers):02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class Visitor:
    """A person in a browser on one node, with the steps every story needs."""

    def __init__(self, page: Page, base_url: str, story: str, *, audits: bool = True) -> None:
        self.page = page
        self.base_url = base_url
        self.story = story
        self.audits = audits  # axe needs JavaScript; a no-JS visitor only takes screenshots

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def check(self, step: str) -> None:
        """Audit the page and keep a screenshot of it: call after every page a story visits."""
        name = f"{self.story}-{step}"
        if self.audits:
            audit(self.page, name)
        screenshot(self.page, name)

    @contextmanager
    def on_phone(self) -> Iterator[None]:
        """A phone's width (WCAG 1.4.10 reflow: 320 CSS px), then back to the desktop size."""
        before = self.page.viewport_size
        self.page.set_viewport_size(PHONE)
        try:
            yield
            width = self.page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{self.page.url} scrolls sideways on a phone"
        finally:
            if before:
                self.page.set_viewport_size(before)

    def click_link(self, name: str, within: str | None = None) -> None:
        scope = self.page.get_by_role("navigation", name=within) if within else self.page
        scope.get_by_role("link", name=name, exact=True).click()

    def press(self, button: str) -> None:
        self.page.get_by_role("button", name=button, exact=True).click()

    def fill(self, fields: dict[str, str]) -> None:
        """Fill inputs by their visible label, as a person finds them."""
        for label, value in fields.items():
            self.page.get_by_label(label, exact=True).fill(value)

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        self.open("/inloggen")
        self.fill({"Gebruikersnaam": username, "Wachtwoord": password})
        self.press("Inloggen")
        expect(self.page.get_by_role("button", name="Uitloggen")).to_be_visible()

    def heading(self, text: str) -> Locator:
        return self.page.get_by_role("heading", level=1, name=text)

    def status(self) -> Locator:
        return self.page.get_by_role("status").first

    def sign_up(self, name: str, username: str) -> None:
        self.open("/")
        self.click_link("Aanmelden", within="Account")
        self.fill(
            {
                "Uw naam": name,
                "Gebruikersnaam": username,
                "Wachtwoord": PASSWORD,
                "Wachtwoord nog een keer": PASSWORD,
            }
        )
        self.press("Aanmelden")
        expect(self.status()).to_contain_text(f"Welkom, {name}!")

    def log_out(self) -> None:
        self.press("Uitloggen")
        account = self.page.get_by_role("navigation", name="Account")
        expect(account.get_by_role("link", name="Inloggen", exact=True)).to_be_visible()


@pytest.fixture
def visitor(
    browser: Browser, node: RunningNode, request: pytest.FixtureRequest
) -> Iterator[Visitor]:
    """A fresh browser (own cookies) that prefers Dutch, on the shared node.

    bypass_csp lets axe-core be injected despite the node's `script-src 'self'`; the
    no-JavaScript visitor keeps the real policy.
    """
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    story = request.node.name.removeprefix("test_").split("[")[0].replace("_", "-")[:40]
    yield Visitor(context.new_page(), node.url, story)
    context.close()


@pytest.fixture
def visitor_without_js(
    browser: Browser, node: RunningNode, request: pytest.FixtureRequest
) -> Iterator[Visitor]:
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    story = "nojs-" + request.node.name.removeprefix("test_").replace("_", "-")[:35]
    yield Visitor(context.new_page(), node.url, story, audits=False)
    context.close()

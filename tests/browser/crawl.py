"""A crawl of a node as a person clicks through it: every kind of page it links to, checked
at a desktop's and a phone's size.

Pages of one kind (/initiatieven/3 and /initiatieven/7) count once, so a crawl stays a few
dozen pages however much sample data there is. Links that act (hide a banner, change the
language, log out) or lead to machine formats are not followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Page, ViewportSize

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONES: list[ViewportSize] = [{"width": 390, "height": 844}, {"width": 320, "height": 640}]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not WCAG but asked of every page: landmarks (two menus, say) each with their own name.
AXE_EXTRA_RULES = {"landmark-unique": {"enabled": True}}
MAX_PAGES = 60

_SKIP = re.compile(
    r"^/(static|ap|api|oauth|nodeinfo|\.well-known|taal|uitloggen|healthz)\b"
    r"|/verbergen$|\.(ics|atom|json|csv|xml|png|jpe?g|webp|svg)$"
)


def kind_of(path: str) -> str:
    """/initiatieven/3/bewerken and /initiatieven/7/bewerken are one kind of page."""
    return re.sub(r"/\d+", "/N", path.rstrip("/") or "/")


@dataclass
class Finding:
    url: str
    problems: list[str] = field(default_factory=list)


def links_on(page: Page, base_url: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base_url or _SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def audit_all(page: Page, axe_path: str) -> list[str]:
    """Every axe finding (any impact) of WCAG 2.1 A/AA, and landmark-unique."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_path)
    violations = page.evaluate(
        "([tags, rules]) => axe.run(document, {runOnly: {type: 'tag', values: tags}, rules})"
        ".then(r => r.violations)",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
    ]


def layout_problems(page: Page, size: ViewportSize) -> list[str]:
    """Wider than the screen, or the main heading below the first screen."""
    problems = []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > size["width"]:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > w + 1)
                 .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)""",
            size["width"],
        )
        problems.append(f"{width}px wide at {size['width']}px ({', '.join(wide)})")
    bottom = page.evaluate(
        "() => { const h = document.querySelector('main h1');"
        " return h ? h.getBoundingClientRect().bottom : null; }"
    )
    if bottom is None:
        problems.append("no main heading")
    elif bottom > size["height"]:
        problems.append(f"main heading ends at {bottom:.0f}px, below the first screen")
    return problems


def crawl(page: Page, base_url: str, axe_path: str, start: str = "/") -> dict[str, Finding]:
    """Visit every kind of page reachable from `start`; the problems found on each."""
    queue, seen, findings = [start], {kind_of(start)}, {}
    while queue and len(findings) < MAX_PAGES:
        path = queue.pop(0)
        page.set_viewport_size(DESKTOP)
        response = page.goto(base_url + path)
        finding = Finding(page.url)
        if response is None or response.status >= 500:
            finding.problems.append(f"answered {response.status if response else 'nothing'}")
        finding.problems += [f"desktop: {p}" for p in audit_all(page, axe_path)]
        for link in links_on(page, base_url):
            if kind_of(urlsplit(link).path) not in seen:
                seen.add(kind_of(urlsplit(link).path))
                queue.append(link)
        for size in PHONES:
            page.set_viewport_size(size)
            finding.problems += [f"{size['width']}px: {p}" for p in layout_problems(page, size)]
        finding.problems += [f"phone: {p}" for p in audit_all(page, axe_path)]
        findings[path] = finding
    return findings

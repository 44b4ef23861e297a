"""Open a local HTML page in headless Chromium and report what a reader would meet.

Drives Debian's `chromium` (/usr/bin/chromium, installed by `make browser`) through the
`playwright` package; Playwright's own browser download is never used, since nothing but
package registries can be reached. The page is opened from a file:// URL, with the network
features that would phone home switched off, so a request in the report came from the page.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
DEBIAN_CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Link:
    href: str
    local: bool  # a relative path or #fragment, as opposed to an absolute URL
    exists: bool | None  # whether the file (or the #fragment's element) is there; None if not local


@dataclass
class PageReport:
    title: str = ""
    text: str = ""  # visible text of the body (collapsed <details> contents excluded)
    svg_count: int = 0
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def broken_links(self) -> list[str]:
        return [link.href for link in self.links if link.local and not link.exists]


def chromium_path() -> str | None:
    return shutil.which("chromium") or (DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).exists() else None)


def open_page_report(html_path: Path) -> PageReport:
    """Load the page, wait until it has settled, and collect errors, links, text and charts."""
    from playwright.sync_api import sync_playwright  # imported here so collecting tests needs no browser

    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("chromium is not installed; run `make browser`")
    report = PageReport()
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (--user-data-dir) of its own.
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS)
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.on("console", lambda message: report.console_errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: report.page_errors.append(str(error)))
            page.on("requestfailed", lambda request: report.failed_requests.append(f"{request.url}: {request.failure}"))
            page.on("response", lambda response: report.failed_requests.append(f"{response.url}: HTTP {response.status}") if response.status >= 400 else None)
            page.goto(html_path.resolve().as_uri(), wait_until="networkidle")
            report.title = page.title()
            report.text = page.inner_text("body")
            report.svg_count = page.locator("svg").count()
            hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
            ids = set(page.eval_on_selector_all("[id]", "elements => elements.map(e => e.id)"))
        finally:
            browser.close()
    report.links = [_link(href, html_path.parent, ids) for href in hrefs]
    return report


def _link(href: str, folder: Path, ids: set[str]) -> Link:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return Link(href, local=False, exists=None)
    if not parts.path:
        return Link(href, local=True, exists=unquote(parts.fragment) in ids)
    return Link(href, local=True, exists=(folder / unquote(parts.path)).is_file())

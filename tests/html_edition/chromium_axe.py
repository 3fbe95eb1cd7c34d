"""Headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) and axe-core 4
from npm (tests/html_edition/node_modules, installed by .ci/run), for the HTML edition's tests
and for tools/render_html_pages.py."""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists() and not shutil.which(what):
            return f"{what} is not installed (apt-get install chromium chromium-driver)"
    if not AXE_JS.exists():
        return f"axe-core is not installed ({AXE_JS}; npm install --prefix {HERE.relative_to(HERE.parents[1])})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator:
    """A headless Chromium with a fresh profile, its viewport `width` x `height` CSS pixels."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hsp-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={max(width, 800)},{height}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options)
    try:
        driver.set_script_timeout(120)
        set_viewport(driver, width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, width: int, height: int) -> None:
    """Emulate a viewport of exactly this many CSS pixels (the window itself has a minimum size)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def run_axe(driver, tags: list[str] = WCAG_TAGS) -> dict:
    """Inject axe-core into the loaded page and run the rules with these tags; its results."""
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    version = driver.execute_script("return axe.version")
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)})),"
        " passes: r.passes.length, incomplete: r.incomplete.length}))"
        ".catch(e => done({error: String(e)}));", tags)
    result["version"] = version
    return result

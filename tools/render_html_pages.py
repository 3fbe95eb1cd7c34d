"""Screenshots of the HTML edition of the default report, in headless Chromium, into
docs/pages/html/: the top of the page, a chart with its data table open, a table, and the top
at 320 CSS pixels wide.

    python tools/render_html_pages.py   # needs chromium, chromium-driver and selenium ('.[test]')
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pages" / "html"
sys.path.insert(0, str(ROOT / "tests" / "html_edition"))

from chromium_axe import chromium, set_viewport  # noqa: E402

from hsp_docs.build import build_all  # noqa: E402
from hsp_docs.inputs.loader import load_inputs  # noqa: E402


def main() -> None:
    from selenium.webdriver.common.by import By

    data = load_inputs(ROOT / "inputs" / "2022-23")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, chromium(1024, 900) as browser:
        build_all(data, Path(tmp), html=True)
        browser.get((Path(tmp) / "html" / "index.html").as_uri())
        browser.save_screenshot(str(OUT / "top.png"))
        figure = browser.find_element(By.ID, "figure-5")
        browser.execute_script("arguments[0].querySelector('details').open = true; arguments[0].scrollIntoView()",
                               figure)
        figure.screenshot(str(OUT / "chart.png"))
        table = browser.find_element(By.CSS_SELECTOR, "[aria-labelledby='table-4']")
        browser.execute_script("arguments[0].scrollIntoView()", table)
        table.screenshot(str(OUT / "table.png"))
        set_viewport(browser, 320, 640)
        browser.get((Path(tmp) / "html" / "index.html").as_uri())
        browser.save_screenshot(str(OUT / "top-320px.png"))
    print(f"wrote 4 screenshots to {OUT}")


if __name__ == "__main__":
    main()

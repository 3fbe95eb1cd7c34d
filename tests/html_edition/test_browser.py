"""The HTML edition in a real browser: headless Chromium driven by Selenium, with axe-core 4
(from npm) checking the WCAG 2.0, 2.1 and 2.2 A and AA rules, then keyboard focus, reflow at
320 CSS pixels, and the page working offline under its own Content Security Policy. The same
tests run on the default report and on the example partnership (examples/kestrel-vale).

Needs chromium, chromium-driver and tests/html_edition/node_modules/axe-core (all installed by
.ci/run); skipped with the reason where they are missing, failed under CI.
"""
from __future__ import annotations

import functools
import http.server
import threading

import pytest
from chromium_axe import WCAG_TAGS, chromium, missing, run_axe, set_viewport
from html_site import EXAMPLE_INPUTS

from conftest import IN_CI
from hsp_docs.build import build_all
from hsp_docs.inputs.loader import load_inputs

REASON = missing()
if REASON:
    if IN_CI:
        pytest.fail(f"the browser tests are required under CI, but {REASON}", pytrace=False)
    pytest.skip(REASON, allow_module_level=True)

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

REPORTS = ["default", "example"]


@pytest.fixture(scope="module", params=REPORTS)
def built(request, tmp_path_factory, default_data):
    data = default_data if request.param == "default" else load_inputs(EXAMPLE_INPUTS)
    out = tmp_path_factory.mktemp(f"html-{request.param}")
    build_all(data, out, html=True)
    return out


@pytest.fixture(scope="module")
def server(built):
    """A local HTTP server for the built folder, on a free port of 127.0.0.1, for this module."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/html/index.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def test_axe_finds_no_wcag_22_a_or_aa_violation(browser, server):
    """axe-core may read the stylesheet itself (its CSS rules do), which the page's CSP would
    refuse it; the page's own behaviour under its CSP is tested below."""
    browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    try:
        for width in (1280, 320):
            set_viewport(browser, width, 900)
            browser.get(server)
            result = run_axe(browser)
            assert "error" not in result, result
            assert result["version"].startswith("4.")
            assert result["passes"] > 20  # the rules ran
            assert result["violations"] == [], result["violations"]
    finally:
        browser.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
        set_viewport(browser, 1280, 900)
    assert {"wcag21aa", "wcag22aa"} <= set(WCAG_TAGS)


def test_works_offline_under_its_own_csp(browser, built):
    """Opened from disk with the CSP in force: the stylesheet and images load, the charts draw,
    and the browser reports nothing refused or broken."""
    browser.get_log("browser")  # clear
    browser.get((built / "html" / "index.html").as_uri())
    state = browser.execute_script("""
        return {
          h1: getComputedStyle(document.querySelector('h1')).color,
          sheets: document.styleSheets.length,
          images: [...document.images].map(i => i.complete && i.naturalWidth > 0),
          charts: [...document.querySelectorAll('svg.chart')].map(s => s.getBBox().width > 100),
          scripts: document.scripts.length,
        };""")
    assert state["h1"] == "rgb(31, 56, 100)" and state["sheets"] == 1  # the theme's navy: style.css applied
    assert state["images"] and all(state["images"])
    assert state["charts"] and all(state["charts"])
    assert state["scripts"] == 0
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []


def test_the_cover_pictures_show_with_their_labels(browser, server, built):
    """The masthead's logo and panel load under the CSP; a stand-in's PLACEHOLDER label is
    visible text (not only alt text), and the decorative panel has alt="". (The example
    partnership names no logo: its masthead has the panel alone.)"""
    browser.get(server)
    state = browser.execute_script("""
        const logo = document.querySelector('header .cover-picture.logo img');
        const label = document.querySelector('header .cover-picture.placeholder figcaption');
        const panel = document.querySelector('header img.cover-panel');
        const box = e => e ? e.getBoundingClientRect() : {};
        return {logo: logo && logo.complete && logo.naturalWidth > 0, logoAlt: logo && logo.alt,
                logoHeight: box(logo).height, label: label && label.checkVisibility() && label.textContent,
                labelColour: label && getComputedStyle(label).color,
                panel: panel && panel.complete && panel.naturalWidth > 0, panelAlt: panel && panel.getAttribute('alt'),
                panelWidth: box(panel).width, headerWidth: box(document.querySelector('header')).width};""")
    assert state["panel"] and state["panelAlt"] == "" and state["panelWidth"] == state["headerWidth"]
    if built.name.startswith("html-example"):
        assert state["logo"] is None and state["label"] is None
        return
    assert state["logo"] and state["logoAlt"].startswith("Placeholder image, a stand-in")
    assert 40 <= state["logoHeight"] <= 90  # the Word cover's 22 mm, not the picture's own size
    assert state["label"].startswith("PLACEHOLDER") and state["labelColour"] == "rgb(192, 0, 0)"
    assert state["panel"] and state["panelAlt"] == "" and state["panelWidth"] == state["headerWidth"]


def test_keyboard_focus_reaches_every_link_in_order(browser, server):
    browser.get(server)
    expected = browser.execute_script("""
        const all = [...document.querySelectorAll('a[href], summary, [tabindex]')];
        const focusable = all.filter(e => e.tabIndex >= 0 && e.checkVisibility());
        focusable.forEach((e, i) => e.setAttribute('data-order', i));
        return {count: focusable.length, links: document.querySelectorAll('a[href]').length,
                focusableLinks: focusable.filter(e => e.matches('a[href]')).length};""")
    assert expected["links"] == expected["focusableLinks"] > 10  # no link is hidden from the keyboard
    seen, visible_focus = [], []
    for _ in range(expected["count"]):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        order, outline = browser.execute_script(
            "const e = document.activeElement;"
            "return [e.getAttribute('data-order'), getComputedStyle(e).outlineStyle];")
        seen.append(order)
        visible_focus.append(outline != "none")
    assert seen == [str(i) for i in range(expected["count"])]  # every one, in document order
    assert all(visible_focus)  # and each shows where focus is (WCAG 2.4.7)


def test_skip_link_moves_to_the_report(browser, server):
    browser.get(server)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.execute_script("return document.activeElement.textContent") == "Skip to the report"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return document.activeElement.id") == "main"


def test_reflows_at_320_css_pixels(browser, server):
    """WCAG 1.4.10: at 320 CSS pixels the page does not scroll sideways; only a table's own
    region may, and such a region can be scrolled by keyboard (it takes focus)."""
    set_viewport(browser, 320, 640)
    try:
        browser.get(server)
        result = browser.execute_script("""
            const vw = document.documentElement.clientWidth;
            const outside = [...document.body.querySelectorAll('*')].filter(e => {
              if (e.closest('.table-region') || !e.checkVisibility()) return false;
              const r = e.getBoundingClientRect();
              return r.width > 0 && (r.right > vw + 1 || r.left < -1) && !e.matches('.skip-link');
            }).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40));
            const regions = [...document.querySelectorAll('.table-region')];
            const scrolling = regions.filter(r => r.scrollWidth > r.clientWidth && r.checkVisibility());
            return {vw, inner: window.innerWidth, pageWidth: document.documentElement.scrollWidth, outside,
                    scrolling: scrolling.length,
                    labelled: scrolling.every(r => r.tabIndex === 0 && r.getAttribute('role') === 'region'
                                              && document.getElementById(r.getAttribute('aria-labelledby')))};""")
    finally:
        set_viewport(browser, 1280, 900)
    assert result["inner"] == 320  # the viewport, less a vertical scroll bar where one is drawn
    assert result["pageWidth"] <= result["vw"], result
    assert result["outside"] == []
    assert result["scrolling"] > 0 and result["labelled"]

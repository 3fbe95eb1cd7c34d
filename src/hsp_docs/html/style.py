"""The HTML edition's stylesheet (written beside the page as style.css: the page's Content
Security Policy allows no inline style). Fonts and colours are the report's theme
(hsp_docs.theme): the Word tables' header row, the text colour, the focus ring. The page is
readable without it.
"""
from __future__ import annotations

from ..theme import DEFAULT_THEME, Theme

CSS = """/* hsp-docs: the HTML edition of the report */
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 48rem; padding: 0 1rem 2rem; font-family: FONT, "Liberation Sans", Helvetica,
  sans-serif; font-size: 1.0625rem; line-height: 1.5; color: #TEXT; background: #FFFFFF; overflow-wrap: break-word; }
a { color: #NAVY; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 3px; }
a:focus-visible, summary:focus-visible, .table-region:focus-visible {
  outline: 3px solid #ORANGE; outline-offset: 2px; }
.skip-link { position: absolute; left: 1rem; top: -20rem; padding: 0.5rem 1rem; background: #FFFFFF; }
.skip-link:focus { top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.masthead { border-bottom: 4px solid #NAVY; margin-bottom: 1.5rem; padding-top: 2rem; }
.cover-picture { margin: 0 0 1.5rem; }
.cover-picture img { max-width: 100%; width: auto; height: auto; max-height: 265px; }
.cover-picture.logo img { max-height: 83px; }
img.cover-panel { max-width: 100%; height: auto; }
.cover-picture.placeholder figcaption { font-weight: bold; color: #PLACEHOLDER; border: 2px solid #PLACEHOLDER;
  padding: 0.25rem 0.5rem; margin-top: 0.5rem; }
img.cover-panel { display: block; width: 100%; margin-top: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.5rem; color: #NAVY; }
h1 .subtitle { display: block; font-size: 1.5rem; }
h2 { font-size: 1.6rem; line-height: 1.25; margin: 2.5rem 0 1rem; color: #NAVY; }
h3 { font-size: 1.3rem; margin: 2rem 0 0.75rem; }
h4 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; }
h5, h6 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
nav.downloads ul, nav.contents ul { padding-left: 0; list-style: none; }
nav.contents ul ul { padding-left: 1.5rem; font-size: 0.95rem; }
nav.contents li { margin: 0.3rem 0; }
nav.downloads li { margin: 0.25rem 0; }
main ul { padding-left: 1.5rem; }
sup.fnref { line-height: 0; }
sup.fnref a { padding: 0 0.15em; }
.footnotes { font-size: 0.95rem; border-top: 1px solid #A6A6A6; margin-top: 3rem; }
.image img { max-width: 100%; height: auto; }
figure.placeholder { margin: 1rem 0; }
figure.placeholder figcaption { font-weight: bold; color: #PLACEHOLDER; border: 2px solid #PLACEHOLDER;
  padding: 0.25rem 0.5rem; }
.table-region { max-width: 100%; overflow-x: auto; margin: 1rem 0 0.5rem; }
table { border-collapse: collapse; font-size: 0.9375rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.5rem; }
caption > span { display: block; position: sticky; left: 0; max-width: min(46rem, calc(100vw - 3rem)); }
th, td { border: 1px solid #A6A6A6; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #HEADFILL; color: #HEADTEXT; vertical-align: bottom; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: bold; }
.table-note { font-size: 0.9375rem; margin: 0.25rem 0 1.5rem; }
figure { margin: 1.5rem 0; }
figcaption { font-weight: bold; margin-bottom: 0.5rem; }
svg.chart { display: block; width: 100%; max-width: 600px; height: auto; }
details.chart-data { margin-top: 0.5rem; }
details.chart-data summary { color: #NAVY; text-decoration: underline; cursor: pointer; }
footer { margin-top: 3rem; border-top: 1px solid #A6A6A6; font-size: 0.95rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .skip-link, nav.downloads { display: none; }
  a { color: inherit; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
  main > section { break-before: page; }
  h2, h3, h4, h5, caption, figcaption { break-after: avoid; }
  figure, tr, img, svg { break-inside: avoid; }
  .table-region { overflow: visible; }
  details.chart-data::details-content { content-visibility: visible; display: block; }
  thead th { background: none; color: inherit; border-bottom: 2px solid #000000; }
}
"""



def stylesheet(theme: Theme = DEFAULT_THEME) -> str:
    """style.css in the theme's font and colours (header rows, focus ring, text, placeholder label)."""
    return (CSS.replace("FONT", theme.font).replace("#NAVY", "#" + theme.heading_colour)
            .replace("#HEADFILL", "#" + theme.table_header_fill)
            .replace("#HEADTEXT", "#" + theme.table_header_text).replace("#ORANGE", "#" + theme.focus)
            .replace("#PLACEHOLDER", "#" + theme.placeholder).replace("#TEXT", "#" + theme.text))

"""The default cover is finished without a fake photo: the theme's decorative panel across its
foot (hsp_docs.cover_art), drawn in the theme's colours, marked decorative, valid OOXML, and
seen on the rendered page."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile

from PIL import Image

from conftest import need_tool, validate_ooxml
from hsp_docs.checks.docx_a11y import check_docx
from hsp_docs.cover_art import panel_bands, panel_png
from hsp_docs.theme import DEFAULT_THEME, Theme

SECOND = Theme(heading_colour="5B1A5E", palette=("0B4F4A", "E36C0A", "5B1A5E", "3A89C9"))


def _cover(docx: bytes) -> str:
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return body[:body.index("Contents")]


def _panel_picture(docx: bytes) -> Image.Image:
    z = zipfile.ZipFile(io.BytesIO(docx))
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    rid = re.search(r'name="Cover panel".*?r:embed="(rId\d+)"', _cover(docx), re.S).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return Image.open(io.BytesIO(z.read("word/" + (target.group(1) or target.group(2))))).convert("RGB")


def _colours(img: Image.Image) -> set[str]:
    return {f"{r:02X}{g:02X}{b:02X}" for _, (r, g, b) in img.getcolors(maxcolors=1 << 20) if _ > 500}


def test_the_panel_is_drawn_in_the_themes_colours():
    for theme in (DEFAULT_THEME, SECOND):
        img = Image.open(io.BytesIO(panel_png(theme, 210, 120)))
        assert img.size == (1240, 709)
        assert {b.colour for b in panel_bands(theme)} | {theme.background} == _colours(img.convert("RGB"))
    assert panel_bands(DEFAULT_THEME)[-1].colour == DEFAULT_THEME.heading_colour
    assert panel_bands(SECOND)[-1].colour == "5B1A5E" and panel_bands(SECOND)[1].colour == "0B4F4A"


def test_the_default_cover_has_a_decorative_panel(default_data, tmp_path):
    from hsp_docs.build import report_bytes

    docx, _ = report_bytes(default_data, soffice=None)
    cover = _cover(docx)
    anchor = re.search(r"<wp:anchor [^>]*>.*?</wp:anchor>", cover, re.S).group(0)
    assert 'behindDoc="1"' in anchor and "<wp:align>bottom</wp:align>" in anchor  # behind the text, at the foot
    assert 'name="Cover panel" descr=""' in anchor and '<adec:decorative' in anchor and 'val="1"' in anchor
    assert _colours(_panel_picture(docx)) >= {DEFAULT_THEME.heading_colour, "E36C0A"}
    (tmp_path / "report.docx").write_bytes(docx)
    validate_ooxml(tmp_path / "report.docx")
    assert [f for f in check_docx(io.BytesIO(docx), "report.docx") if f.check == "alt-text"] == []


def test_a_second_theme_changes_the_panel_and_false_leaves_it_out(inputs_copy):
    from hsp_docs.build import report_bytes
    from hsp_docs.inputs.loader import load_inputs

    (inputs_copy / "theme.toml").write_text('[theme]\nheading_colour = "5B1A5E"\n'
                                            'palette = ["0B4F4A", "E36C0A", "5B1A5E", "3A89C9"]\n', encoding="utf-8")
    docx, _ = report_bytes(load_inputs(inputs_copy), soffice=None)
    colours = _colours(_panel_picture(docx))
    assert {"5B1A5E", "0B4F4A"} <= colours and DEFAULT_THEME.heading_colour not in colours
    (inputs_copy / "theme.toml").write_text("[theme]\ncover_panel = false\n", encoding="utf-8")
    docx, _ = report_bytes(load_inputs(inputs_copy), soffice=None)
    assert "Cover panel" not in _cover(docx)


def test_the_rendered_cover_is_not_half_blank(default_data, tmp_path):
    """LibreOffice's render of the cover: the lower half is the panel (navy at the foot), the top
    the title; the panel is behind the text, not over it."""
    from hsp_docs.build import report_bytes

    soffice, pdftoppm = need_tool("soffice"), need_tool("pdftoppm")
    docx, _ = report_bytes(default_data, soffice=None)
    (tmp_path / "report.docx").write_bytes(docx)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "report.docx")], check=True, capture_output=True, timeout=300)
    subprocess.run([pdftoppm, "-r", "30", "-f", "1", "-l", "1", "-png", str(tmp_path / "report.pdf"),
                    str(tmp_path / "cover")], check=True, timeout=120)
    page = Image.open(next(tmp_path.glob("cover*.png"))).convert("RGB")
    w, h = page.size
    navy = tuple(int(DEFAULT_THEME.heading_colour[i:i + 2], 16) for i in (0, 2, 4))

    def share(top: float, bottom: float) -> float:
        box = page.crop((0, int(h * top), w, int(h * bottom)))
        near = sum(n for n, px in box.getcolors(1 << 20) if sum(abs(a - b) for a, b in zip(px, navy)) < 30)
        return near / (box.size[0] * box.size[1])

    assert share(0.85, 1.0) > 0.9  # the foot of the page is the panel's deep band, edge to edge
    assert share(0.6, 1.0) > 0.45
    assert share(0.2, 0.45) < 0.1  # the title block: text on white

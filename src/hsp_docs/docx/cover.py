"""The Word report's cover: the master template's cover fields filled (the logo and the optional
cover picture, with their alt text and a stand-in's label), and the theme's decorative panel
across the foot of the page (hsp_docs.cover_art).

The panel is a picture anchored to the page behind the text, marked decorative the way Word
marks it (the `adec:decorative` extension of its drawing properties, with empty alt text), so
screen readers and Word's accessibility checker pass it by.
"""
from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ..cover_art import panel_png
from ..theme import Theme
from .xml import element

COVER_PICTURES = {"logo": Mm(22), "cover_image": Mm(70)}  # their height on the cover
COVER_DOCPR_ID = 900
PANEL_DOCPR_ID = 899
PANEL_MM = 120  # the panel's height on a cover without a picture: the lower ~40% of an A4 page
PANEL_WITH_PICTURE_MM = 62  # under a cover picture: a band at the foot, clear of it
EMU_PER_TWIP = 635
EMU_PER_MM = 36000
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Word's "Mark as decorative"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def cover_pictures(tpl: DocxTemplate, images: dict) -> dict:
    """The master's cover fields for the logo and cover picture report.toml names (none where it
    names none): the picture, and a stand-in's label."""
    out: dict = {}
    for key, height in COVER_PICTURES.items():
        img = images.get(key)
        out[key] = InlineImage(tpl, io.BytesIO(img.data), height=height) if img else ""
        out[f"{key}_label"] = img.placeholder_label if img else ""
    return out


def finish_cover(doc, images: dict, theme: Theme) -> None:
    """docxtpl leaves an inline picture without alt text: the cover's pictures, in order, get theirs;
    a stand-in's label takes the theme's placeholder colour; and the theme's panel is drawn."""
    pictures = [images[k] for k in COVER_PICTURES if k in images]
    drawn = [d for d in doc.element.body.iter(qn("wp:docPr")) if not d.get("descr")]
    for n, (pr, img) in enumerate(zip(drawn, pictures), COVER_DOCPR_ID):
        pr.set("id", str(n))  # below the body's drawings' ids (_State.docpr_id)
        pr.set("descr", img.published_alt)
    labels = {img.placeholder_label for img in pictures if img.placeholder}
    for run in doc.element.body.iter(qn("w:r")):
        if "".join(x.text or "" for x in run.iter(qn("w:t"))) in labels:
            for colour in run.iter(qn("w:color")):
                colour.set(qn("w:val"), theme.placeholder)
    if theme.cover_panel:
        add_panel(doc, theme, "cover_image" in images)


def add_panel(doc, theme: Theme, under_picture: bool) -> None:
    """The theme's panel across the foot of the first page, full width, behind the text."""
    body = doc.element.body
    first = body.find(qn("w:p"))
    size = body.find(qn("w:sectPr")).find(qn("w:pgSz"))
    width_emu = int(size.get(qn("w:w"))) * EMU_PER_TWIP
    height_mm = PANEL_WITH_PICTURE_MM if under_picture else PANEL_MM
    png = panel_png(theme, width_emu / EMU_PER_MM, height_mm)
    rid, _ = doc.part.get_or_add_image(io.BytesIO(png))
    first.append(element(panel_run(rid, width_emu, height_mm * EMU_PER_MM)))


def panel_run(rid: str, cx: int, cy: int) -> str:
    """A run holding the panel: a picture anchored to the page's bottom edge, behind the text,
    decorative."""
    return (
        f'<w:r><w:drawing>'
        f'<wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="0" '
        'behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{PANEL_DOCPR_ID}" name="Cover panel" descr="">'
        f'<a:extLst xmlns:a="{A_NS}"><a:ext uri="{DECORATIVE_URI}">'
        f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext></a:extLst></wp:docPr>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}">'
        '<pic:nvPicPr><pic:cNvPr id="0" name="cover-panel.png" descr=""/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:anchor></w:drawing></w:r>')


"""Paragraph and run properties: parse w:pPr / w:rPr into flat dicts and resolve style inheritance.

Resolution order, as Word applies it: docDefaults → table style → paragraph style (basedOn chain)
→ character style of the run (basedOn chain) → direct formatting. Later values override earlier
ones key by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportgen.docx.ooxml import Element, child, hex_color, local, on_off, to_int, w, wattr

Props = dict[str, Any]


@dataclass(frozen=True)
class TabStop:
    """A w:tab of a paragraph's w:tabs: position (twips from the text column's left edge), kind, leader."""

    pos: int
    align: str  # left | center | right | decimal | bar | clear (start/end read as left/right)
    leader: str | None  # none | dot | hyphen | underscore | heavy | middleDot


def merge_tab_stops(inherited: list[TabStop], direct: list[TabStop]) -> list[TabStop]:
    """Return the tab stops in effect: the style's, less those the paragraph clears, plus its own."""
    cleared = {tab.pos for tab in direct}
    stops = [tab for tab in inherited if tab.pos not in cleared and tab.align != "clear"]
    stops += [tab for tab in direct if tab.align != "clear"]
    return sorted(stops, key=lambda tab: tab.pos)


_TOGGLES = {
    "b": "bold",
    "i": "italic",
    "strike": "strike",
    "dstrike": "strike",
    "caps": "caps",
    "smallCaps": "small_caps",
    "vanish": "hidden",
}


def _children(el: Element) -> Any:
    """Return a look-up of `el`'s first w: child by local name (one pass instead of a find each)."""
    found: dict[str, Element] = {}
    for item in el:
        if isinstance(item.tag, str):
            found.setdefault(item.tag, item)
    return lambda tag: found.get(w(tag))


def parse_ppr(ppr: Element | None) -> Props:
    """Return the paragraph properties set in a w:pPr element (absent ones are left out)."""
    props: Props = {}
    if ppr is None:
        return props
    get = _children(ppr)
    style = get("pStyle")
    if style is not None:
        props["style"] = wattr(style, "val")
    jc = wattr(get("jc"), "val")
    if jc:
        props["jc"] = jc
    ind = get("ind")
    if ind is not None:
        for attr, key in (
            ("left", "ind_left"),
            ("start", "ind_left"),
            ("right", "ind_right"),
            ("end", "ind_right"),
            ("firstLine", "ind_first"),
            ("leftChars", "ind_left_chars"),
            ("startChars", "ind_left_chars"),
            ("rightChars", "ind_right_chars"),
            ("endChars", "ind_right_chars"),
            ("firstLineChars", "ind_first_chars"),
        ):
            value = to_int(wattr(ind, attr))
            if value is not None:
                props[key] = value
        hanging = to_int(wattr(ind, "hanging"))
        if hanging is not None:
            props["ind_first"] = -hanging
        hanging_chars = to_int(wattr(ind, "hangingChars"))
        if hanging_chars is not None:
            props["ind_first_chars"] = -hanging_chars
    spacing = get("spacing")
    if spacing is not None:
        for attr, key in (
            ("before", "space_before"),
            ("after", "space_after"),
            ("beforeLines", "space_before_lines"),
            ("afterLines", "space_after_lines"),
            ("line", "line"),
        ):
            value = to_int(wattr(spacing, attr))
            if value is not None:
                props[key] = value
        rule = wattr(spacing, "lineRule")
        if rule:
            props["line_rule"] = rule
        elif "line" in props:
            props["line_rule"] = "auto"
        for attr, key in (
            ("beforeAutospacing", "space_before_auto"),
            ("afterAutospacing", "space_after_auto"),
        ):
            if wattr(spacing, attr) is not None:
                props[key] = wattr(spacing, attr) in ("1", "true", "on")
    for tag, key in (
        ("keepNext", "keep_next"),
        ("keepLines", "keep_lines"),
        ("pageBreakBefore", "page_break_before"),
        ("widowControl", "widow_control"),
        ("snapToGrid", "snap_to_grid"),
        ("contextualSpacing", "contextual_spacing"),
        ("autoSpaceDE", "auto_space_de"),
        ("autoSpaceDN", "auto_space_dn"),
        ("overflowPunct", "overflow_punct"),
    ):
        value = on_off(get(tag))
        if value is not None:
            props[key] = value
    shd = hex_color(wattr(get("shd"), "fill"))
    if shd:
        props["shading"] = shd
    borders = get("pBdr")
    if borders is not None:
        props["borders"] = {
            {"start": "left", "end": "right"}.get(local(side), local(side)): side
            for side in borders
            if local(side) in ("top", "bottom", "left", "right", "start", "end")
        }
    tabs = get("tabs")
    if tabs is not None:
        props["tabs"] = [
            TabStop(
                to_int(wattr(tab, "pos")) or 0,
                wattr(tab, "val", "left") or "left",
                wattr(tab, "leader", "none"),
            )
            for tab in tabs
        ]
    outline = to_int(wattr(get("outlineLvl"), "val"))
    if outline is not None:
        props["outline"] = outline
    num_pr = get("numPr")
    if num_pr is not None:
        num_id = wattr(child(num_pr, "numId"), "val")
        if num_id is not None:
            props["num_id"] = num_id
        props["num_level"] = to_int(wattr(child(num_pr, "ilvl"), "val")) or 0
    return props


def parse_rpr(rpr: Element | None) -> Props:
    """Return the run properties set in a w:rPr element (absent ones are left out)."""
    props: Props = {}
    if rpr is None:
        return props
    get = _children(rpr)
    style = get("rStyle")
    if style is not None:
        props["style"] = wattr(style, "val")
    fonts = get("rFonts")
    if fonts is not None:
        for slot in ("ascii", "hAnsi", "eastAsia"):
            value, theme = wattr(fonts, slot), wattr(fonts, slot + "Theme")
            if theme:  # a theme font wins over the plain name at the same level
                props["font_" + slot + "Theme"] = theme
            elif value:  # a plain name here overrides a theme font inherited from a lower level
                props["font_" + slot] = value
                props["font_" + slot + "Theme"] = None
    size = to_int(wattr(get("sz"), "val"))
    if size is not None:
        props["size"] = size / 2
    for tag, key in _TOGGLES.items():
        toggle = on_off(get(tag))
        if toggle is not None:
            props[key] = toggle
    underline = wattr(get("u"), "val")
    if underline is not None:
        props["underline"] = underline if underline != "none" else False
    color = wattr(get("color"), "val")
    if color == "auto" or hex_color(color):
        props["color"] = color
    highlight = wattr(get("highlight"), "val")
    if highlight:
        props["highlight"] = highlight
    shd = hex_color(wattr(get("shd"), "fill"))
    if shd:
        props["shading"] = shd
    vert = wattr(get("vertAlign"), "val")
    if vert:
        props["vert_align"] = vert
    spacing = to_int(wattr(get("spacing"), "val"))
    if spacing is not None:
        props["char_spacing"] = spacing
    kern = to_int(wattr(get("kern"), "val"))
    if kern is not None:
        props["kern"] = kern  # half-points: kerning from this size up (0: none)
    return props


THEME_SCRIPTS = {
    "zh-CN": "Hans",
    "zh-SG": "Hans",
    "zh-TW": "Hant",
    "zh-HK": "Hant",
    "ja-JP": "Jpan",
    "ko-KR": "Hang",
}


def parse_theme(theme_el: Element | None, east_asian_lang: str = "zh-CN") -> dict[str, str]:
    """Return the theme's fonts: {'minorHAnsi': …, 'minorEastAsia': …, 'majorHAnsi': …, ...}."""
    if theme_el is None:
        return {}
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    script = THEME_SCRIPTS.get(east_asian_lang, "Hans")
    fonts: dict[str, str] = {}
    for kind in ("minor", "major"):
        scheme = theme_el.find(f".//{ns}{kind}Font")
        if scheme is None:
            continue
        latin = scheme.find(f"{ns}latin")
        ea = scheme.find(f"{ns}ea")
        by_script = {f.get("script"): f.get("typeface") for f in scheme.iter(f"{ns}font")}
        latin_name = latin.get("typeface") if latin is not None else ""
        ea_name = (ea.get("typeface") if ea is not None else "") or by_script.get(script, "")
        for slot in ("HAnsi", "Ascii", "Bidi"):
            if latin_name:
                fonts[kind + slot] = latin_name
        if ea_name:
            fonts[kind + "EastAsia"] = ea_name
    return fonts


class StyleSheet:
    """The document's styles.xml, with resolved (inherited) properties per style id."""

    def __init__(self, styles_el: Element | None) -> None:
        self._styles: dict[str, Element] = {}
        self.defaults_p: Props = {}
        self.defaults_r: Props = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.default_table: str | None = None
        self._cache: dict[tuple[str, str], tuple[Props, Props]] = {}
        if styles_el is None:
            return
        defaults = child(styles_el, "docDefaults")
        if defaults is not None:
            self.defaults_p = parse_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
            self.defaults_r = parse_rpr(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
        for style in styles_el.iter(w("style")):
            sid = wattr(style, "styleId")
            if not sid:
                continue
            self._styles[sid] = style
            if wattr(style, "default") in ("1", "true", "on"):
                kind = wattr(style, "type")
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid
                elif kind == "table":
                    self.default_table = sid

    def has(self, style_id: str) -> bool:
        return style_id in self._styles

    def element(self, style_id: str | None) -> Element | None:
        return self._styles.get(style_id) if style_id else None

    def resolve(self, style_id: str | None) -> tuple[Props, Props]:
        """Return (paragraph props, run props) of a style with its whole basedOn chain applied."""
        if not style_id or style_id not in self._styles:
            return {}, {}
        chain: list[str] = []  # the styles to resolve, this one first, walked without recursion
        current: str | None = style_id
        while current and current in self._styles and ("s", current) not in self._cache:
            chain.append(current)
            self._cache[("s", current)] = ({}, {})  # guards against basedOn cycles
            current = wattr(child(self._styles[current], "basedOn"), "val")
        for sid in reversed(chain):  # from the base up: each one's base is resolved by now
            style = self._styles[sid]
            base_p, base_r = self._cache.get(("s", wattr(child(style, "basedOn"), "val") or ""), ({}, {}))
            ppr = {**base_p, **parse_ppr(child(style, "pPr"))}
            ppr.pop("style", None)
            rpr = {**base_r, **parse_rpr(child(style, "rPr"))}
            rpr.pop("style", None)
            self._cache[("s", sid)] = (ppr, rpr)
        return self._cache[("s", style_id)]

    def table_props(self, style_id: str | None) -> Element | None:
        """Return the w:tblPr of a table style, following basedOn until one is found."""
        seen = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            tbl_pr = child(style, "tblPr")
            if tbl_pr is not None and child(tbl_pr, "tblBorders") is not None:
                return tbl_pr
            style_id = wattr(child(style, "basedOn"), "val")
        return None

"""DrawingML geometry → SVG path data: the guide formulas and path commands of ECMA-376 §20.1.9.

A geometry (a preset from `presets.json`, or an `a:custGeom` read by `read_geometry`) is plain data:
adjust values and guides as (name, formula) pairs, the text rectangle, and paths whose commands
name guides or numbers. `outline` evaluates it for a shape's size (EMU) and returns SVG paths in pt.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from reportgen.docx.ooxml import Element, local

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU_PT = 12700
ANGLE = 60000  # angles are in 60000ths of a degree
COMMANDS = {"moveTo": "M", "lnTo": "L", "arcTo": "A", "quadBezTo": "Q", "cubicBezTo": "C", "close": "Z"}

Geometry = dict[str, Any]
"""{"av": [[name, fmla]], "gd": [[name, fmla]], "rect": [l, t, r, b] | None, "path": [{…, "cmd": [...]}]}."""


def _guides_builtin(w: float, h: float) -> dict[str, float]:
    """Return the predefined guides of a shape of width w and height h (§20.1.9.11)."""
    ss, ls = min(w, h), max(w, h)
    out = {"w": w, "h": h, "l": 0.0, "t": 0.0, "r": w, "b": h, "hc": w / 2, "vc": h / 2, "ss": ss, "ls": ls}
    for n in (2, 3, 4, 5, 6, 8, 10, 12, 32):
        out[f"wd{n}"], out[f"hd{n}"] = w / n, h / n
    for n in (2, 4, 6, 8, 16, 32):
        out[f"ssd{n}"] = ss / n
    for name, value in (("cd2", 2), ("cd4", 4), ("cd8", 8)):
        out[name] = 21600000 / value
    out.update({"3cd4": 16200000.0, "3cd8": 8100000.0, "5cd8": 13500000.0, "7cd8": 18900000.0})
    return out


def _rad(angle: float) -> float:
    return math.radians(angle / ANGLE)


def _deg(radians: float) -> float:
    return math.degrees(radians) * ANGLE


def evaluate(formula: str, env: dict[str, float]) -> float:
    """Return the value of one guide formula (`*/ w adj 100000`, `at2 x y`, ...) in `env`.

    Raise ValueError for an unknown operator or name, or a formula without its arguments.
    """
    op, *words = formula.split()
    args = [_value(word, env) for word in words]
    x, y, z = (args + [0.0, 0.0, 0.0])[:3]
    needed = {"val": 1, "abs": 1, "sqrt": 1, "at2": 2, "cos": 2, "sin": 2, "tan": 2, "max": 2, "min": 2}
    if len(args) < needed.get(op, 3):
        raise ValueError(formula)
    if op == "*/":
        return x * y / z if z else 0.0
    if op == "+-":
        return x + y - z
    if op == "+/":
        return (x + y) / z if z else 0.0
    if op == "?:":
        return y if x > 0 else z
    simple = {
        "val": lambda: x,
        "abs": lambda: abs(x),
        "sqrt": lambda: math.sqrt(max(x, 0.0)),
        "at2": lambda: _deg(math.atan2(y, x)),
        "cat2": lambda: x * math.cos(math.atan2(z, y)),
        "sat2": lambda: x * math.sin(math.atan2(z, y)),
        "cos": lambda: x * math.cos(_rad(y)),
        "sin": lambda: x * math.sin(_rad(y)),
        "tan": lambda: x * math.tan(_rad(y)),
        "max": lambda: max(x, y),
        "min": lambda: min(x, y),
        "mod": lambda: math.sqrt(x * x + y * y + z * z),
        "pin": lambda: x if y < x else z if y > z else y,
    }
    if op not in simple:
        raise ValueError(formula)
    return simple[op]()


def _value(word: str, env: dict[str, float]) -> float:
    """Return a formula argument: a guide's value, or a number."""
    if word in env:
        return env[word]
    try:
        return float(word)
    except ValueError:
        raise ValueError(word) from None


def guides(geometry: Geometry, w: float, h: float, adjust: dict[str, str] | None = None) -> dict[str, float]:
    """Return every guide's value for a shape of w × h (EMU), the adjust values overridden by
    `adjust` (name → formula, from the shape's a:avLst). Raise ValueError for a bad formula."""
    env = _guides_builtin(w, h)
    for name, formula in geometry.get("av", []):
        env[name] = evaluate((adjust or {}).get(name, formula), env)
    for name, formula in geometry.get("gd", []):
        env[name] = evaluate(formula, env)
    return env


@dataclass
class Outline:
    """One evaluated path: SVG path data (pt), how it is painted, and its ends (for arrow heads)."""

    d: str
    fill: str = "norm"  # norm, none, lighten, lightenLess, darken, darkenLess
    stroke: bool = True
    closed: bool = False
    start: tuple[float, float] | None = None
    start_dir: tuple[float, float] = (1.0, 0.0)  # direction pointing out of the path at its start
    end: tuple[float, float] | None = None
    end_dir: tuple[float, float] = (1.0, 0.0)  # direction of travel at the end
    points: list[tuple[float, float]] = field(default_factory=list)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def outline(
    geometry: Geometry, w: float, h: float, adjust: dict[str, str] | None = None
) -> tuple[list[Outline], tuple[float, float, float, float]]:
    """Return the SVG paths (pt) of a geometry drawn at w × h EMU, and its text rectangle (l, t, r, b)
    in pt. Raise ValueError for a formula it cannot evaluate."""
    env = guides(geometry, w, h, adjust)
    rect = geometry.get("rect")
    text_rect = (0.0, 0.0, w / EMU_PT, h / EMU_PT)
    if rect:
        text_rect = (
            _value(rect[0], env) / EMU_PT,
            _value(rect[1], env) / EMU_PT,
            _value(rect[2], env) / EMU_PT,
            _value(rect[3], env) / EMU_PT,
        )
    paths = [_path(spec, env, w, h) for spec in geometry.get("path", [])]
    return [p for p in paths if p.d], text_rect


def _path(spec: dict[str, Any], env: dict[str, float], w: float, h: float) -> Outline:
    """Return one path evaluated: its commands in path coordinates scaled to the shape, in pt."""
    pw, ph = float(spec.get("w", 0) or 0), float(spec.get("h", 0) or 0)
    sx = (w / pw if pw else 1.0) / EMU_PT
    sy = (h / ph if ph else 1.0) / EMU_PT
    out: list[str] = []
    result = Outline("", fill=spec.get("fill", "norm"), stroke=spec.get("stroke", True))
    cur = (0.0, 0.0)  # in path coordinates
    begin = cur
    last_dir = (1.0, 0.0)
    started = False  # a segment was drawn: the start's direction is known

    def pt(p: tuple[float, float]) -> str:
        return f"{_num(p[0] * sx)} {_num(p[1] * sy)}"

    def scaled(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * sx, p[1] * sy)

    def note_dir(a: tuple[float, float], b: tuple[float, float]) -> None:
        nonlocal last_dir, started
        dx, dy = (b[0] - a[0]) * sx, (b[1] - a[1]) * sy
        if dx or dy:
            last_dir = (dx, dy)
            if not started:
                result.start_dir = (-dx, -dy)
                started = True

    for command in spec.get("cmd", []):
        kind, args = command[0], [_value(a, env) for a in command[1:]]
        if kind == "M":
            cur = begin = (args[0], args[1])
            out.append("M" + pt(cur))
            if result.start is None:
                result.start = scaled(cur)
            result.points.append(scaled(cur))
        elif kind == "L":
            nxt = (args[0], args[1])
            note_dir(cur, nxt)
            cur = nxt
            out.append("L" + pt(cur))
            result.points.append(scaled(cur))
        elif kind == "Q":
            note_dir(cur, (args[0], args[1]))
            note_dir((args[0], args[1]), (args[2], args[3]))
            cur = (args[2], args[3])
            out.append(f"Q{pt((args[0], args[1]))} {pt(cur)}")
            result.points.append(scaled(cur))
        elif kind == "C":
            note_dir(cur, (args[0], args[1]))
            note_dir((args[2], args[3]), (args[4], args[5]))
            cur = (args[4], args[5])
            out.append(f"C{pt((args[0], args[1]))} {pt((args[2], args[3]))} {pt(cur)}")
            result.points.append(scaled(cur))
        elif kind == "A":
            cur, text, tangent = _arc(cur, args[0], args[1], args[2], args[3], sx, sy)
            out.append(text)
            if tangent != (0.0, 0.0, 0.0, 0.0):
                if not started:
                    result.start_dir = (-tangent[2], -tangent[3])
                    started = True
                last_dir = (tangent[0], tangent[1])
            result.points.append(scaled(cur))
        elif kind == "Z":
            out.append("Z")
            cur = begin
            result.closed = True
    if not out or all(c.startswith("M") for c in out):
        return Outline("")
    if out and out[0][0] != "M":
        out.insert(0, "M0 0")
    result.d = "".join(out)
    result.end = scaled(cur)
    result.end_dir = last_dir
    return result


def _arc(
    cur: tuple[float, float], wr: float, hr: float, start: float, swing: float, sx: float, sy: float
) -> tuple[tuple[float, float], str, tuple[float, float, float, float]]:
    """Return the end point, the SVG arc command(s) and the tangents (end, start) of an a:arcTo.

    DrawingML's angles are visual angles on the ellipse; the current point lies on it at `start`.
    """
    if not swing:
        return cur, "", (0.0, 0.0, 0.0, 0.0)

    def param(angle: float) -> float:
        a = _rad(angle)
        return math.atan2(wr * math.sin(a), hr * math.cos(a)) if wr and hr else a

    p1 = param(start)
    p2 = param(start + swing)
    if abs(swing) >= 360 * ANGLE:
        p2 = p1 + math.copysign(2 * math.pi, swing)
    else:
        while swing > 0 and p2 <= p1:
            p2 += 2 * math.pi
        while swing < 0 and p2 >= p1:
            p2 -= 2 * math.pi
    cx, cy = cur[0] - wr * math.cos(p1), cur[1] - hr * math.sin(p1)
    rx, ry = abs(wr * sx), abs(hr * sy)
    sweep = 1 if swing > 0 else 0
    parts = []
    pieces = 2 if abs(p2 - p1) > math.pi else 1  # a full ellipse needs two arcs in SVG
    for i in range(1, pieces + 1):
        a = p1 + (p2 - p1) * i / pieces
        x, y = cx + wr * math.cos(a), cy + hr * math.sin(a)
        parts.append(f"A{_num(rx)} {_num(ry)} 0 0 {sweep} {_num(x * sx)} {_num(y * sy)}")
    end = (cx + wr * math.cos(p2), cy + hr * math.sin(p2))
    sign = 1.0 if swing > 0 else -1.0
    tangent = (
        -wr * math.sin(p2) * sx * sign,
        hr * math.cos(p2) * sy * sign,
        -wr * math.sin(p1) * sx * sign,
        hr * math.cos(p1) * sy * sign,
    )
    return end, "".join(parts), tangent


def read_geometry(el: Element) -> Geometry:
    """Return the geometry data of an a:custGeom (or a preset definition) element.

    The same reader makes `presets.json` from ECMA-376's presetShapeDefinitions.xml.
    """
    out: Geometry = {}
    for key, tag in (("av", "avLst"), ("gd", "gdLst")):
        found = el.find(A + tag)
        items = (
            [[gd.get("name", ""), gd.get("fmla", "")] for gd in found.iter(A + "gd")]
            if found is not None
            else []
        )
        if items:
            out[key] = items
    rect = el.find(A + "rect")
    if rect is not None:
        out["rect"] = [rect.get(k, d) for k, d in (("l", "l"), ("t", "t"), ("r", "r"), ("b", "b"))]
    paths = []
    found = el.find(A + "pathLst")
    for path in found.iter(A + "path") if found is not None else []:
        spec: dict[str, Any] = {}
        for key in ("w", "h"):
            if path.get(key):
                spec[key] = int(path.get(key))
        if path.get("fill", "norm") != "norm":
            spec["fill"] = path.get("fill")
        if path.get("stroke") in ("0", "false"):
            spec["stroke"] = False
        commands = []
        for command in path:
            kind = COMMANDS.get(local(command))
            if kind is None:
                continue
            if kind == "A":
                args = [command.get(k, "0") for k in ("wR", "hR", "stAng", "swAng")]
            else:
                args = [v for pt in command.iter(A + "pt") for v in (pt.get("x", "0"), pt.get("y", "0"))]
            commands.append([kind, *args])
        spec["cmd"] = commands
        paths.append(spec)
    out["path"] = paths
    return out


_PRESETS: dict[str, Geometry] = {}


def preset(name: str) -> Geometry | None:
    """Return the preset geometry called `name` (ST_ShapeType), or None when there is none."""
    if not _PRESETS:
        text = resources.files("reportgen.docx.shapes").joinpath("presets.json").read_text("utf-8")
        _PRESETS.update(json.loads(text))
    return _PRESETS.get(name)

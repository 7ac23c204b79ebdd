"""A chart as plain values: plots, series with their cached data, axes, title, legend, text styles
(read from the chart part by `charts/read.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.docx.charts.colors import Line, Paint

BLACK = Paint("#000000")


@dataclass(frozen=True)
class TextStyle:
    """How a chart text is set: size (pt), weight, slant, colour and faces (None: the theme's)."""

    size: float = 10.0
    bold: bool = False
    italic: bool = False
    paint: Paint = BLACK
    latin: str | None = None
    east_asian: str | None = None


@dataclass
class Labels:
    """Data labels (c:dLbls): what they show, where, in which number format, deleted points."""

    value: bool = False
    percent: bool = False
    category: bool = False
    series: bool = False
    size: bool = False
    position: str | None = None
    fmt: str | None = None
    separator: str = ", "
    style: TextStyle = field(default_factory=TextStyle)
    deleted: set[int] = field(default_factory=set)

    def shown(self) -> bool:
        return self.value or self.percent or self.category or self.series or self.size


@dataclass
class Series:
    """One series: its name, categories, values (None for a blank point) and how it is painted."""

    index: int
    name: str
    categories: list[str]
    values: list[float | None]
    xs: list[float | None] | None = None
    sizes: list[float | None] | None = None
    fmt: str = "General"
    cat_fmt: str | None = None
    fill: Paint | None | bool = None
    line: Line | None = None
    marker: str | None = None
    marker_size: float = 7.0
    marker_fill: Paint | None | bool = None
    marker_line: Line | None = None
    smooth: bool = False
    labels: Labels | None = None
    point_fills: dict[int, Paint | bool] = field(default_factory=dict)
    extras: list[str] = field(default_factory=list)


@dataclass
class Plot:
    """One chart-type group of the plot area (c:barChart, c:lineChart, ...)."""

    kind: str
    series: list[Series]
    horizontal: bool = False
    grouping: str = "clustered"
    gap: float = 1.5
    overlap: float = 0.0
    vary: bool = False
    markers: bool = True
    first_angle: float = 0.0
    hole: float = 0.5
    labels: Labels | None = None
    axes: tuple[str, ...] = ()
    scatter_lines: bool = False
    radar_style: str = "marker"
    bubble_scale: float = 1.0
    size_area: bool = True


@dataclass
class Title:
    """A chart or axis title: its text (None: automatic) and style."""

    text: str | None
    style: TextStyle


@dataclass
class Axis:
    """A category, date or value axis."""

    id: str
    kind: str
    position: str = "b"
    deleted: bool = False
    reverse: bool = False
    minimum: float | None = None
    maximum: float | None = None
    major: float | None = None
    fmt: str | None = None
    linked: bool = True
    gridlines: Line | None = None
    line: Line | None = None
    tick: str = "out"
    label_pos: str = "nextTo"
    title: Title | None = None
    style: TextStyle = field(default_factory=TextStyle)
    between: bool | None = None
    log: bool = False


@dataclass
class Legend:
    """The legend: position (r, l, t, b, tr), deleted entries and text style."""

    position: str
    deleted: set[int]
    style: TextStyle


@dataclass
class Chart:
    """A whole chart: plots, axes by id, title, legend, fills, and what is not drawn."""

    plots: list[Plot]
    axes: dict[str, Axis]
    title: Title | None
    legend: Legend | None
    base: TextStyle
    space_fill: Paint | None | bool = None
    space_line: Line | None = None
    plot_fill: Paint | None | bool = None
    plot_line: Line | None = None
    lang: str = "en-US"
    missing: list[str] = field(default_factory=list)

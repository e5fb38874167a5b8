"""Bar charts drawn on the server as SVG data, each bar a link, each chart with a data table."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_AREA = 420
WIDTH = LABEL_WIDTH + BAR_AREA + 60


@dataclass
class Bar:
    label: str
    value: int
    url: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 6

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass
class BarChart:
    title: str
    bars: list
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def bar_chart(title, rows) -> BarChart:
    """rows: (label, value, url). Bars scale to the largest value."""
    largest = max((value for _label, value, _url in rows), default=0) or 1
    bars = [
        Bar(
            label=str(label),
            value=value,
            url=url,
            y=index * (BAR_HEIGHT + GAP),
            width=round(BAR_AREA * value / largest),
        )
        for index, (label, value, url) in enumerate(rows)
    ]
    return BarChart(title=title, bars=bars, height=max(len(bars), 1) * (BAR_HEIGHT + GAP))

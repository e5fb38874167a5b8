"""Bar charts as data: each bar a link with its share of the largest value; the template draws
them as a list (labels wrap, never clipped) with a data table beside."""

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    url: str
    percent: int


@dataclass
class BarChart:
    title: str
    bars: list


def bar_chart(title, rows) -> BarChart:
    """rows: (label, value, url). Bars scale to the largest value."""
    largest = max((value for _label, value, _url in rows), default=0) or 1
    bars = [
        Bar(label=str(label), value=value, url=url, percent=round(100 * value / largest))
        for label, value, url in rows
    ]
    return BarChart(title=title, bars=bars)

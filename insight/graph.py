"""Where each institute sits in the collaboration graph: round a circle, in a fixed order, so
that every line between two institutes is visible and no label covers another (a force layout
clumped the institutes that work together, the interesting ones, into one knot). Scaled to the
SVG's coordinates."""

import math

SIZE = 600  # the SVG's viewBox is SIZE x SIZE
MARGIN = 70  # room for the labels


def layout(nodes: list[int], weights: dict[tuple[int, int], int]) -> dict[int, tuple[float, float]]:
    """``weights`` (who worked with whom) do not move the institutes: the lines show them."""
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (SIZE / 2, SIZE / 2)}
    radius = SIZE / 2 - MARGIN
    return {
        node: (
            round(SIZE / 2 + radius * math.sin(2 * math.pi * i / len(nodes)), 1),
            round(SIZE / 2 - radius * math.cos(2 * math.pi * i / len(nodes)), 1),
        )
        for i, node in enumerate(nodes)
    }


def edges(collaboration) -> list[dict]:
    """Lines of the SVG: institute pairs that worked together, with their weight."""
    lines = []
    for pair in sorted({*collaboration.works, *collaboration.initiatives}):
        a, b = pair
        if a == b or a not in collaboration.layout or b not in collaboration.layout:
            continue
        works, initiatives = collaboration.cell(a, b)
        (x1, y1), (x2, y2) = collaboration.layout[a], collaboration.layout[b]
        weight = works + initiatives
        lines.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "width": min(2 + weight, 12),
                "works": works,
                "initiatives": initiatives,
            }
        )
    return lines

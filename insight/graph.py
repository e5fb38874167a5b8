"""Where each institute sits in the collaboration graph: a small force-directed layout
(Fruchterman-Reingold), deterministic (it starts from a circle, no randomness), scaled to the
SVG's coordinates. A network has tens of institutes, so plain Python is quick; networkx would
need numpy for the same."""

import math

SIZE = 600  # the SVG's viewBox is SIZE x SIZE
MARGIN = 70  # room for the labels
ITERATIONS = 120


def layout(nodes: list[int], weights: dict[tuple[int, int], int]) -> dict[int, tuple[float, float]]:
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (SIZE / 2, SIZE / 2)}
    count = len(nodes)
    position = {
        node: [math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count)]
        for i, node in enumerate(nodes)
    }
    ideal = 2 / math.sqrt(count)  # the spring length in the unit square around the circle
    step = 0.1
    edges = [(a, b, w) for (a, b), w in weights.items() if w and a in position and b in position]
    for _ in range(ITERATIONS):
        moves = {node: [0.0, 0.0] for node in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = position[a][0] - position[b][0]
                dy = position[a][1] - position[b][1]
                distance = math.hypot(dx, dy) or 0.01
                push = ideal * ideal / distance
                moves[a][0] += dx / distance * push
                moves[a][1] += dy / distance * push
                moves[b][0] -= dx / distance * push
                moves[b][1] -= dy / distance * push
        for a, b, weight in edges:
            dx = position[a][0] - position[b][0]
            dy = position[a][1] - position[b][1]
            distance = math.hypot(dx, dy) or 0.01
            pull = distance * distance / ideal * min(1 + math.log(weight), 3)
            moves[a][0] -= dx / distance * pull
            moves[a][1] -= dy / distance * pull
            moves[b][0] += dx / distance * pull
            moves[b][1] += dy / distance * pull
        for node, (mx, my) in moves.items():
            length = math.hypot(mx, my) or 1.0
            position[node][0] += mx / length * min(length, step)
            position[node][1] += my / length * min(length, step)
        step *= 0.97
    xs = [x for x, _y in position.values()]
    ys = [y for _x, y in position.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (SIZE - 2 * MARGIN) / span
    return {
        node: (
            round(MARGIN + (x - min(xs)) * scale, 1),
            round(MARGIN + (y - min(ys)) * scale, 1),
        )
        for node, (x, y) in position.items()
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

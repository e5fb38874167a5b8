"""What a person sees: axe-core on the rendered page, the contrast of text actually painted
inside a region (open popups included), staying inside the viewport, and full-page screenshots
kept under ``var/test-output/screenshots/`` (CI keeps that folder as an artifact)."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "test-output" / "screenshots"
WIDTHS = (1366, 390)
SCHEMES = ("light", "dark")
_axe = Axe()

_CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()


def low_contrast_text(locator) -> list[dict]:
    """Text inside ``locator`` painted below WCAG AA contrast (4.5:1, or 3:1 when large)."""
    checked = locator.evaluate(_CONTRAST_JS)
    assert checked, "no visible text found to check"
    return [item for item in checked if item["ratio"] < item["needed"]]


def outside_viewport(page, locator) -> str | None:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    if box["x"] < 0 or box["x"] + box["width"] > width + 0.5:
        return f"box x={box['x']:.0f}..{box['x'] + box['width']:.0f} in a {width} px viewport"
    return None


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


# Controls a finger aims at: buttons, form controls (a checkbox or radio counts with its label),
# and links that stand alone (navigation, tabs, tags, pagination). Links inside a sentence are
# exempt, as in WCAG 2.5.8.
_TARGETS_JS = """
() => {
  const selector = "button, summary, input:not([type=hidden]), select, textarea, nav a, "
    + ".tags a, .pagination a, .actions > a, .notif-link";
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const target = el.matches("input[type=checkbox], input[type=radio]") && el.closest("label")
      ? el.closest("label") : el;
    const { width, height } = target.getBoundingClientRect();
    if (width < 24 || height < 24) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim()
        .slice(0, 30)}" ${Math.round(width)}x${Math.round(height)}`);
    }
  }
  return small;
}
"""


def small_tap_targets(page) -> list[str]:
    """Visible controls smaller than 24 x 24 CSS pixels (WCAG 2.2, 2.5.8)."""
    return page.evaluate(_TARGETS_JS)


def look_at(page, name: str, *, axe_in_each_scheme: bool = False) -> None:
    """Screenshots of ``page`` at every width in both schemes, ``main`` inside the viewport at
    each, then axe at 1366 px in light (where the page is left), and in dark too if asked."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            screenshot(page, f"{name}-{width}-{scheme}")
            assert outside_viewport(page, page.locator("main")) is None, (name, width)
        if axe_in_each_scheme and scheme != "light":
            page.set_viewport_size({"width": 1366, "height": 900})
            assert serious_violations(page) == [], (name, scheme)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert serious_violations(page) == [], name

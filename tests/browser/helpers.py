"""What several browser tests share: the screenshot each leaves, and opening a reading page.

Every screenshot goes to ``test-artifacts/browser/`` at the repository's root,
named after the test (and a suffix for a second one), whatever the directory
pytest was started from. A marker set on ``window`` survives only while no page
is loaded, so finding it at the end shows that changes were saved without a reload.
"""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
#: the seed articles' ids, in the order seeding loads them (000 first)
REPORT_002 = 3  # a TASS report: sixteen statements, two quotes inside reported speech
TRANSCRIPT_004 = 5  # Smailov and Mishustin in Almaty: two transcript turns


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save what the page shows (the whole page with ``full_page``) as ``name``.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_reading(page, live_server, article: int, fragment: str = "") -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server}/admin/article/read/{article}{fragment}")
    page.evaluate("window.parleyMarker = 'no reload'")


def still_same_page(page) -> None:
    assert page.evaluate("window.parleyMarker") == "no reload"

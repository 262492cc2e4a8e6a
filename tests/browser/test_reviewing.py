"""Reviewing on the reading page, in a real browser: the keyboard, the side panel, Undo, layout.

Each test leaves a screenshot named after it under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import REPORT_002
from tests.browser.helpers import TRANSCRIPT_004
from tests.browser.helpers import open_reading
from tests.browser.helpers import screenshot
from tests.browser.helpers import still_same_page


def statement_order(page) -> list[str]:
    """The statements' ids in the order their words start in the text."""
    return page.locator(".article-text [id^=statement-]").evaluate_all(
        "nodes => nodes.map(n => n.dataset.statement)"
    )


def side_status(page, statement: str):
    return page.locator(
        f'.side-record[data-record=statements][data-id="{statement}"] .record-status'
    )


def test_review_five_statements_with_the_keyboard(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, REPORT_002)
    order = statement_order(page)
    assert len(order) == 16
    verdicts = ["c", "c", "r", "c", "c"]
    for key, statement in zip(verdicts, order, strict=False):
        page.keyboard.press("j")
        expect(page.locator("#review-record h2")).to_have_text(f"Statement #{statement}")
        page.keyboard.press(key)
        expected = "reviewed" if key == "c" else "rejected"
        expect(side_status(page, statement)).to_have_text(expected)
    expect(page.locator(f"#statement-{order[2]}")).to_have_class(re.compile(r"\bst-rejected\b"))
    expect(side_status(page, order[5])).to_have_text("unreviewed")
    still_same_page(page)
    assert page.url == f"{live_server}/admin/article/read/{REPORT_002}"
    screenshot(page, "test_review_five_statements_with_the_keyboard")
    page.reload()
    for key, statement in zip(verdicts, order, strict=False):
        expect(side_status(page, statement)).to_have_text("reviewed" if key == "c" else "rejected")


def test_correct_a_speaker_from_the_side_panel(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004)
    page.locator("#article-text").get_by_text(
        "We traditionally start the new year with a visit"
    ).click()
    panel = page.locator("#review-panel")
    expect(panel).to_contain_text("Mikhail Mishustin")
    expect(panel).to_contain_text("transcript")
    statement = page.locator("#review-record h2").inner_text().removeprefix("Statement #")
    page.keyboard.press("e")
    speaker = page.locator("#review-speaker")
    expect(speaker).to_be_focused()
    # the article's own people come first, before anyone is typed
    first = speaker.locator("optgroup").first
    expect(first).to_have_attribute("label", "In this article")
    expect(first.locator("option")).to_have_text(
        ["Alikhan Smailov", "Kassym-Jomart Tokayev", "Mikhail Mishustin", "Vladimir Putin"]
    )
    page.get_by_placeholder("Someone else: type part of a name").fill("Bekten")
    expect(speaker.locator("option", has_text="Olzhas Bektenov")).to_have_count(1)
    expect(speaker).to_have_value(
        speaker.locator("option", has_text="Olzhas Bektenov").get_attribute("value")
    )
    page.get_by_role("button", name="Save speaker").click()
    expect(page.locator("#review-message")).to_have_text(
        f"Speaker of statement {statement} set to Olzhas Bektenov"
    )
    item = page.locator(f'.side-record[data-record=statements][data-id="{statement}"]')
    expect(item.locator(".record-speaker")).to_have_text("Olzhas Bektenov")
    expect(item.locator(".record-status")).to_have_text("edited")
    expect(panel).to_contain_text("Olzhas Bektenov")
    still_same_page(page)
    screenshot(page, "test_correct_a_speaker_from_the_side_panel")
    page.reload()
    expect(item.locator(".record-speaker")).to_have_text("Olzhas Bektenov")


def test_undo_the_last_action(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004, "#meeting-6")
    meeting = page.locator("#meeting-6")
    expect(meeting).to_have_class(re.compile(r"\brecord-current\b"))
    expect(page.locator("#review-record")).to_contain_text("undated")
    meeting.get_by_role("button", name="Reject").click()
    expect(meeting.locator(".record-status")).to_have_text("rejected")
    expect(page.locator("#review-message")).to_have_text("Rejected meeting 6")
    undo = page.locator("#review-undo")
    expect(undo).to_have_text("Undo: rejected meeting 6")
    undo.click()
    expect(meeting.locator(".record-status")).to_have_text("unreviewed")
    expect(page.locator("#review-message")).to_have_text("Undone: meeting 6 is back as it was.")
    expect(undo).to_be_hidden()
    # and with the key: confirm the first statement, then u
    page.keyboard.press("j")
    page.keyboard.press("c")
    first = page.locator("#review-record h2").inner_text().removeprefix("Statement #")
    expect(side_status(page, first)).to_have_text("reviewed")
    page.keyboard.press("u")
    expect(side_status(page, first)).to_have_text("unreviewed")
    still_same_page(page)
    screenshot(page, "test_undo_the_last_action")
    page.reload()
    expect(meeting.locator(".record-status")).to_have_text("unreviewed")
    expect(side_status(page, first)).to_have_text("unreviewed")


def test_the_transcript_text_is_the_page(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004)
    text = page.locator("#article-text")
    # no box of its own to scroll: the text is as tall as its words
    sizes = text.evaluate(
        "n => [getComputedStyle(n).overflowY, n.scrollHeight - n.clientHeight,"
        " n.getBoundingClientRect().top]"
    )
    overflow, hidden, top = sizes
    assert overflow == "visible" and hidden <= 1, sizes
    assert top < 200, sizes  # the text starts in the top fifth of the window
    expect(text).to_contain_text("Alihan Smailov: Mr Mishustin, colleagues.")
    expect(page.get_by_role("button", name="Delete article")).to_be_hidden()
    # Mishustin's turn, reached with the page's own scroll
    turn = page.locator(".article-text [id^=statement-]").nth(1)
    expect(turn).to_contain_text("Once again, I greet you")
    expect(turn).not_to_be_in_viewport()
    turn.scroll_into_view_if_needed()
    expect(turn).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    screenshot(page, "test_the_transcript_text_is_the_page")
    page.locator(".article-more summary").click()
    expect(page.get_by_role("button", name="Delete article")).to_be_visible()

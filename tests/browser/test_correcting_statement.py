"""Correcting a statement's words and kind on the reading page, in a real browser: the new
words are selected in the article text, saved from the side panel, and the highlight moves
to them without a reload; Undo puts them back.

The test leaves a screenshot named after it under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import TRANSCRIPT_004
from tests.browser.helpers import open_reading
from tests.browser.helpers import screenshot
from tests.browser.helpers import still_same_page

#: the first sentence of Smailov's transcript turn, which runs on to "... in all areas."
GREETING = "Mr Mishustin, colleagues."
#: selects the first place ``words`` appear in the article text, as a mouse would
SELECT = """words => {
  const box = document.getElementById("article-text");
  const at = box.textContent.indexOf(words);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const next = seen + node.data.length;
    if (seen <= at && at < next) range.setStart(node, at - seen);
    if (seen < at + words.length && at + words.length <= next) {
      range.setEnd(node, at + words.length - seen);
    }
    seen = next;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  box.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
}"""


def words_of(page, statement: str) -> str:
    return page.evaluate(
        "id => Array.from(document.querySelectorAll("
        "`#article-text [data-statement=\"${id}\"]`)).map(n => n.textContent).join('')",
        statement,
    )


def test_select_new_words_for_a_statement_and_change_its_kind(logged_in, live_server):
    page = logged_in
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_reading(page, live_server, TRANSCRIPT_004)
    item = page.locator('.side-record[data-record="statements"]').first
    statement = item.get_attribute("data-id")
    whole = words_of(page, statement)
    assert whole.startswith(GREETING + "\n") and whole.endswith("in all areas.")
    item.locator(".record-text").click()
    record = page.locator("#review-record")
    expect(record.locator("h2")).to_have_text(f"Statement #{statement}")
    expect(record).to_contain_text("transcript turn")

    record.get_by_role("button", name="Change words").click()
    save = record.get_by_role("button", name="Save words")
    expect(save).to_be_disabled()
    page.evaluate(SELECT, GREETING)
    expect(page.locator("#review-words")).to_have_text(GREETING)
    save.click()
    message = page.locator("#review-message")
    expect(message).to_have_text(f"Words of statement {statement} set to “{GREETING}”")
    assert words_of(page, statement) == GREETING
    # its first piece, the one its link's fragment scrolls to, is where the words now begin
    first = page.locator(f"#statement-{statement}")
    assert GREETING.startswith(first.text_content())
    expect(first).to_have_class(re.compile(r"\bst-edited\b"))
    expect(item.locator(".record-text")).to_have_text(GREETING)

    record.get_by_role("button", name="Correct").click()
    page.locator("#review-kind").select_option(label="indirect speech")
    page.get_by_role("button", name="Save speaker and kind").click()
    expect(message).to_have_text(
        f"Speaker of statement {statement} set to Alikhan Smailov, indirect speech"
    )
    expect(item.locator(".record-kind")).to_have_text("indirect")
    expect(record).to_contain_text("indirect speech")
    expect(first).to_have_attribute("title", re.compile(r", indirect$"))
    still_same_page(page)
    screenshot(page, "test_select_new_words_for_a_statement_and_change_its_kind")

    # Undo, twice: the kind, then the words, back as they were
    undo = page.locator("#review-undo")
    undo.click()
    expect(message).to_have_text(f"Undone: statement {statement} is back as it was.")
    expect(item.locator(".record-kind")).to_have_text("transcript")
    expect(undo).to_have_text(f"Undo: words of statement {statement} set to “{GREETING}”")
    undo.click()
    expect(undo).to_be_hidden()
    assert words_of(page, statement) == whole
    still_same_page(page)
    assert errors == []
    page.reload()
    assert words_of(page, statement) == whole

"""Correcting on the reading page, in a real browser: whom a mention names, and a meeting's
date, place and participants, from the side panel and without a reload.

Each test leaves a screenshot named after it under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import TRANSCRIPT_004
from tests.browser.helpers import open_reading
from tests.browser.helpers import screenshot
from tests.browser.helpers import still_same_page

UNDATED_MEETING = 6  # Tokayev and Putin, reported by the transcript without a date or place


def test_correct_whom_a_mention_names_from_the_side_panel(logged_in, live_server):
    page = logged_in
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_reading(page, live_server, TRANSCRIPT_004)
    words = page.locator("#article-text a.hl-mention", has_text="Vladimir Putin").first
    mention = words.get_attribute("data-mention")
    putin = words.get_attribute("data-person")
    words.click()
    record = page.locator("#review-record")
    expect(record.locator("h2")).to_have_text("Mention of Vladimir Putin")
    expect(record).to_contain_text("“Vladimir Putin”")
    page.keyboard.press("e")
    choice = page.locator("#review-mention-person")
    expect(choice).to_be_focused()
    expect(choice.locator("optgroup").first).to_have_attribute("label", "In this article")
    page.get_by_placeholder("Someone else: type part of a name").fill("Bekten")
    bektenov = choice.locator("option", has_text="Olzhas Bektenov")
    expect(bektenov).to_have_count(1)
    expect(choice).to_have_value(bektenov.get_attribute("value"))
    page.get_by_role("button", name="Save person").click()

    expect(page.locator("#review-message")).to_have_text(
        f"Mention {mention} now names Olzhas Bektenov"
    )
    expect(record.locator("h2")).to_have_text("Mention of Olzhas Bektenov")
    expect(record).to_contain_text("edited")
    piece = page.locator(f'#article-text [data-mention="{mention}"]')
    expect(piece).to_have_attribute("title", "Olzhas Bektenov (name)")
    expect(piece).to_have_class(re.compile(r"\bst-edited\b"))
    assert piece.get_attribute("data-person") != putin
    still_same_page(page)
    screenshot(page, "test_correct_whom_a_mention_names_from_the_side_panel")

    undo = page.locator("#review-undo")
    expect(undo).to_have_text(f"Undo: mention {mention} now names Olzhas Bektenov")
    undo.click()
    expect(page.locator("#review-message")).to_have_text(
        f"Undone: mention {mention} is back as it was."
    )
    expect(piece).to_have_attribute("title", "Vladimir Putin (name)")
    expect(piece).to_have_attribute("data-person", putin)
    # and confirmed with the key, still on the same page
    page.keyboard.press("c")
    expect(piece).to_have_class(re.compile(r"\bst-reviewed\b"))
    still_same_page(page)
    assert errors == []
    page.reload()
    piece = page.locator(f'#article-text [data-mention="{mention}"]')
    expect(piece).to_have_attribute("title", "Vladimir Putin (name)")
    expect(piece).to_have_class(re.compile(r"\bst-reviewed\b"))


def test_correct_a_meetings_date_and_place_from_the_side_panel(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004, f"#meeting-{UNDATED_MEETING}")
    meeting = page.locator(f"#meeting-{UNDATED_MEETING}")
    expect(meeting.locator(".record-label")).to_have_text("undated")
    meeting.get_by_role("button", name="Correct").click()
    date = page.locator("#review-date")
    expect(date).to_be_focused()
    date.fill("31 Febtember 2024")
    page.locator("#review-place").fill("Astana")
    page.get_by_role("button", name="Remove Vladimir Putin").click()
    # one of the article's own people, chosen from the list
    page.locator("#review-participant").select_option(label="Alikhan Smailov")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".review-participants li")).to_have_text(
        [re.compile("^Kassym-Jomart Tokayev"), re.compile("^Alikhan Smailov")]
    )
    page.get_by_role("button", name="Save meeting").click()
    # a date the server cannot read: said, with its field, and the form stays as typed
    message = page.locator("#review-message")
    expect(message).to_have_text(re.compile("^Date: “31 Febtember 2024” is not a date"))
    expect(message).to_have_class(re.compile(r"\btext-danger\b"))
    expect(date).to_have_value("31 Febtember 2024")
    expect(page.locator("#review-place")).to_have_value("Astana")

    date.fill("3 February 2024")
    page.get_by_role("button", name="Save meeting").click()
    expect(message).to_have_text(
        f"Meeting {UNDATED_MEETING} set to 2024-02-03, Astana, "
        "with Alikhan Smailov, Kassym-Jomart Tokayev"
    )
    expect(meeting.locator(".record-label")).to_have_text("2024-02-03, Astana")
    expect(meeting.locator(".record-participants")).to_have_text(
        "Alikhan Smailov, Kassym-Jomart Tokayev"
    )
    expect(meeting.locator(".record-status")).to_have_text("edited")
    expect(page.locator("#review-record h2")).to_have_text("Meeting 2024-02-03, Astana")
    expect(date).to_have_count(0)  # the form closed on saving
    screenshot(page, "test_correct_a_meetings_date_and_place_from_the_side_panel")

    # u undoes it; e opens the form again on the meeting, Escape closes it unsaved
    page.keyboard.press("u")
    expect(message).to_have_text(f"Undone: meeting {UNDATED_MEETING} is back as it was.")
    expect(meeting.locator(".record-label")).to_have_text("undated")
    expect(meeting.locator(".record-participants")).to_have_text(
        "Kassym-Jomart Tokayev, Vladimir Putin"
    )
    expect(meeting.locator(".record-status")).to_have_text("unreviewed")
    page.keyboard.press("e")
    expect(date).to_be_focused()
    expect(date).to_have_value("")
    page.keyboard.press("Escape")
    expect(date).to_have_count(0)
    page.keyboard.press("e")
    date.fill("2024-02-03")
    page.locator("#review-place").fill("Astana")
    page.get_by_role("button", name="Remove Vladimir Putin").click()
    # someone the article does not name, found by a search; Enter adds whom it found
    search = page.get_by_placeholder("Someone else: type part of a name")
    search.fill("Bekten")
    found = page.locator("#review-participant option", has_text="Olzhas Bektenov")
    expect(found).to_have_count(1)
    expect(page.locator("#review-participant")).to_have_value(found.get_attribute("value"))
    search.press("Enter")
    expect(page.locator(".review-participants li")).to_have_text(
        [re.compile("^Kassym-Jomart Tokayev"), re.compile("^Olzhas Bektenov")]
    )
    page.get_by_role("button", name="Save meeting").click()
    expect(meeting.locator(".record-label")).to_have_text("2024-02-03, Astana")
    expect(meeting.locator(".record-participants")).to_have_text(
        "Kassym-Jomart Tokayev, Olzhas Bektenov"
    )
    still_same_page(page)
    page.reload()
    expect(meeting.locator(".record-label")).to_have_text("2024-02-03, Astana")
    expect(meeting.locator(".record-participants")).to_have_text(
        "Kassym-Jomart Tokayev, Olzhas Bektenov"
    )

"""The article's own record, a person from the People list and a meeting's occasion,
reviewed on the reading page in a real browser, without a reload.

Each test leaves a screenshot named after it under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import TRANSCRIPT_004
from tests.browser.helpers import open_reading
from tests.browser.helpers import screenshot
from tests.browser.helpers import still_same_page

TITLE = "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov"
UNDATED_MEETING = 6  # Tokayev and Putin, reported by the transcript without a date or place


def test_correct_the_articles_title_and_date_from_the_reading_page(logged_in, live_server):
    page = logged_in
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_reading(page, live_server, TRANSCRIPT_004)
    header = page.locator(".article-header")
    expect(header.locator("h1")).to_have_text(TITLE)
    expect(header.locator(".record-published")).to_have_text("2024-02-01 (taken from: header)")
    page.get_by_role("button", name="Edit details").click()
    title = page.locator("#review-title")
    expect(title).to_be_focused()
    expect(title).to_have_value(TITLE)
    expect(page.locator("#review-source")).to_have_value(re.compile(r"^\d+$"))
    title.fill("Mishustin and Smailov meet in Almaty")
    page.locator("#review-published").fill("3 Feb 2024")
    page.locator("#review-source").select_option(label="TASS")
    page.get_by_role("button", name="Save details").click()

    message = page.locator("#review-message")
    expect(message).to_have_text(
        f"Article {TRANSCRIPT_004} set to “Mishustin and Smailov meet in Almaty”, 2024-02-03, TASS"
    )
    expect(header.locator("h1")).to_have_text("Mishustin and Smailov meet in Almaty")
    expect(header.locator(".record-published")).to_have_text("2024-02-03")
    expect(header.locator(".record-source")).to_have_text("TASS")
    expect(header.locator(".record-status")).to_have_text("edited")
    expect(page.locator("#review-record h2")).to_have_text(
        "Article: Mishustin and Smailov meet in Almaty"
    )
    expect(title).to_have_count(0)  # the form closed on saving
    still_same_page(page)
    screenshot(page, "test_correct_the_articles_title_and_date_from_the_reading_page")

    # the article is confirmed from its panel, then both changes undone with u
    page.locator("#review-record").get_by_role("button", name="Confirm").click()
    expect(header.locator(".record-status")).to_have_text("reviewed")
    page.keyboard.press("u")
    expect(message).to_have_text(f"Undone: article {TRANSCRIPT_004} is back as it was.")
    expect(header.locator(".record-status")).to_have_text("edited")
    page.keyboard.press("u")
    expect(header.locator("h1")).to_have_text(TITLE)
    expect(header.locator(".record-source")).to_have_text("Government of Russia")
    expect(header.locator(".record-published")).to_have_text("2024-02-01 (taken from: header)")
    still_same_page(page)
    assert errors == []
    page.reload()
    expect(header.locator("h1")).to_have_text(TITLE)
    expect(header.locator(".record-published")).to_have_text("2024-02-01 (taken from: header)")


def test_a_person_in_the_people_list_opens_their_record(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004)
    entry = page.locator(".article-people .side-record", has_text="Alikhan Smailov")
    entry.get_by_role("link", name="Alikhan Smailov").click()
    record = page.locator("#review-record")
    expect(record.locator("h2")).to_have_text("Alikhan Smailov")
    expect(record).to_contain_text("Mentions here5")
    # 004 names him once as "Alihan Smailov", four times as "Smailov"
    mentions = record.locator(".review-mentions li")
    expect(mentions).to_have_count(5)
    expect(mentions.first).to_contain_text("“Alihan Smailov”")
    still_same_page(page)
    screenshot(page, "test_a_person_in_the_people_list_opens_their_record")

    # a mention from the list opens in the panel, and rejecting it counts him once less
    mentions.nth(1).get_by_role("button").click()
    expect(record.locator("h2")).to_have_text("Mention of Alikhan Smailov")
    page.keyboard.press("r")
    expect(page.locator("#review-message")).to_have_text(re.compile(r"^Rejected mention \d+$"))
    expect(entry.locator(".record-mentions")).to_have_text("4")
    entry.click()
    expect(record).to_contain_text("Mentions here4")
    record.get_by_role("button", name="Confirm").click()
    expect(entry.locator(".record-status")).to_have_text("reviewed")
    still_same_page(page)


def test_correct_a_meetings_occasion_with_its_date_and_place(logged_in, live_server):
    page = logged_in
    open_reading(page, live_server, TRANSCRIPT_004, f"#meeting-{UNDATED_MEETING}")
    meeting = page.locator(f"#meeting-{UNDATED_MEETING}")
    expect(meeting.locator(".record-occasion")).to_be_hidden()
    meeting.get_by_role("button", name="Correct").click()
    page.locator("#review-place").fill("Astana")
    page.locator("#review-occasion").fill("a telephone call")
    page.get_by_role("button", name="Save meeting").click()
    expect(page.locator("#review-message")).to_have_text(
        f"Meeting {UNDATED_MEETING} set to undated, Astana, for “a telephone call”, "
        "with Kassym-Jomart Tokayev, Vladimir Putin"
    )
    expect(meeting.locator(".record-occasion")).to_have_text("a telephone call")
    expect(page.locator("#review-record")).to_contain_text("Occasiona telephone call")
    still_same_page(page)
    page.reload()
    expect(meeting.locator(".record-occasion")).to_have_text("a telephone call")

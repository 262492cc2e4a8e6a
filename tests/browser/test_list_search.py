"""Searching the statements list in a real browser: snippets with the matched words marked."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import screenshot


def test_a_search_shows_highlighted_snippets(logged_in, live_server):
    page = logged_in
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server + "/admin/statement/")
    search = page.locator("input[name=search]")
    search.fill('"strategic partnership" OR brotherhood')
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"search=%22strategic\+partnership%22\+OR\+brotherhood"))
    marks = page.locator("td.col-text .snippet mark")
    expect(marks.first).to_be_visible()
    words = {text.lower() for text in marks.all_inner_texts()}
    assert words and words <= {"strategic partnership", "strategic", "partnership", "brotherhood"}
    # the marked words stand out from the text around them
    background = marks.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # the speakers are shown in their own colours, and the facets count the matches
    expect(page.locator("td.col-speaker a.person-name").first).to_be_visible()
    expect(page.locator("section.facets")).to_contain_text("Mikhail Mishustin")
    screenshot(page, "test_a_search_shows_highlighted_snippets", full_page=True)

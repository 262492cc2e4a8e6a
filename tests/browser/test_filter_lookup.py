"""Choosing a speaker in the statements list's filter bar by typing part of their name."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import screenshot


def test_a_speaker_is_chosen_by_part_of_the_name_and_named_in_the_chip(logged_in, live_server):
    page = logged_in
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server + "/admin/statement/")
    page.click("a.dropdown-toggle:has-text('Add Filter')")
    page.click("a.filter:text-is('Speaker')")
    row = page.locator("#filter_form .filters tr").last
    # the filter opens on "is", a select of people rather than a box for an id
    expect(row.locator("select.filter-op")).to_have_value(re.compile(r"speaker_is$"))
    row.locator(".select2-container.record-lookup a.select2-choice").click()
    search = page.locator(".select2-drop-active input.select2-input")
    search.type("smail", delay=40)
    choice = page.locator(".select2-drop-active .select2-result-selectable", has_text="Smailov")
    expect(choice).to_have_count(1)
    expect(choice).to_have_text("Alikhan Smailov")
    choice.click()
    page.click("#filter_form button[type=submit]")
    page.wait_for_url(re.compile(r"flt\d+_speaker_is=\d+"))
    speakers = page.locator("td.col-speaker")
    expect(speakers.first).to_be_visible()
    assert set(speakers.all_inner_texts()) == {"Alikhan Smailov"}
    # the chip of the active filter names the person, not their id
    chip = page.locator("#filter_form .filters tr").first
    expect(chip.locator(".remove-filter")).to_contain_text("Speaker")
    expect(chip.locator(".select2-container.record-lookup .select2-chosen")).to_have_text(
        "Alikhan Smailov"
    )
    assert not re.search(r"\d", chip.inner_text())
    expect(page.locator("section.facets .selected")).to_contain_text("Alikhan Smailov")
    screenshot(page, "test_a_speaker_is_chosen_by_part_of_the_name", full_page=True)

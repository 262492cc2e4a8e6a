"""Re-selecting a statement's span, the review queue keeping its place, a merge warning.

Each test leaves a screenshot named after it under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.helpers import screenshot

SELECT = """(box, words) => {
  const node = box.querySelector('#span-words').firstChild;
  const at = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def test_reselect_a_statement_span(logged_in, live_server):
    page = logged_in
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server + "/admin/statement/edit/?id=1&url=/admin/statement/")
    expect(page.locator("#span-words")).to_have_text(
        "Moscow is ready to develop fraternal relations with Astana"
    )
    expect(page.locator("#read-in-article")).to_have_attribute(
        "href", re.compile(r"/admin/article/read/\d+#statement-1$")
    )
    start = int(page.locator("#start_char").input_value())
    box = page.locator("#span-context")
    box.evaluate(SELECT, "fraternal relations with Astana")
    expect(page.locator("#span-words")).to_have_text("fraternal relations with Astana")
    expect(page.locator("#text")).to_have_value("fraternal relations with Astana")
    # "Moscow is ready to develop " is 27 characters
    expect(page.locator("#start_char")).to_have_value(str(start + 27))
    expect(page.locator("#end_char")).to_have_value(str(start + 58))
    screenshot(page, "test_reselect_a_statement_span", full_page=True)
    page.locator("input[type=submit][value=Save]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.goto(live_server + "/admin/statement/edit/?id=1")
    expect(page.locator("#span-words")).to_have_text("fraternal relations with Astana")


def test_the_queue_keeps_its_place(logged_in, live_server):
    page = logged_in
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(live_server + "/admin/review/?show=statements&page=2")
    remaining = page.locator("#queue-remaining")
    expect(remaining).to_contain_text("left to review")
    before = int(re.match(r"\d+", remaining.inner_text()).group(0))
    rows = page.locator("tbody tr")
    ids = rows.evaluate_all("rows => rows.map(row => row.id)")
    assert len(ids) >= 12, ids
    decided, following = ids[10], ids[11]
    page.locator(f"tr#{decided}").get_by_role("button", name="Confirm", exact=True).click()
    expect(page).to_have_url(re.compile(rf"page=2#{following}$"))
    expect(page.locator(".alert-success")).to_contain_text("Confirmed:")
    expect(page.locator(f"tr#{decided}")).to_have_count(0)
    expect(page.locator(f"tr#{following}")).to_be_in_viewport()
    expect(remaining).to_contain_text(f"{before - 1} left to review")
    screenshot(page, "test_the_queue_keeps_its_place")  # what the editor sees


def person_id(page, live_server, name: str) -> str:
    page.goto(live_server + f"/admin/person/?search={name.replace(' ', '+')}")
    row = page.locator("table.model-list tbody tr", has_text=name).first
    return row.locator("input.action-checkbox").get_attribute("value")


def test_a_merge_warning_is_confirmed_and_the_merge_undone(logged_in, live_server):
    """Mishustin and Smailov met: merging them needs the warning confirmed."""
    page = logged_in
    page.set_viewport_size({"width": 1400, "height": 900})
    mishustin = person_id(page, live_server, "Mikhail Mishustin")
    smailov = person_id(page, live_server, "Alikhan Smailov")
    page.goto(live_server + f"/admin/person/merge/?id={mishustin}&id={smailov}&url=/admin/person/")
    warnings = page.locator("#merge-warnings")
    expect(warnings).to_contain_text(
        "Mikhail Mishustin and Alikhan Smailov took part in the same meetings"
    )
    expect(warnings).to_contain_text("are both quoted in")
    page.get_by_role("button", name="Merge 2 people anyway").click()
    expect(page.locator("#confirm-error")).to_contain_text("Tick the box")
    screenshot(page, "test_a_merge_warning_is_confirmed_and_the_merge_undone", full_page=True)
    page.get_by_label("Alikhan Smailov", exact=True).check()
    page.get_by_label("I have read the warnings above").check()
    page.get_by_role("button", name="Merge 2 people anyway").click()
    success = page.locator(".alert-success")
    expect(success).to_contain_text("Merged Mikhail Mishustin into Alikhan Smailov.")
    success.get_by_role("button", name="Undo").click()
    expect(page.locator(".alert-success")).to_contain_text("Undone")
    page.goto(live_server + "/admin/person/?search=Mishustin")
    expect(page.locator("table.model-list tbody tr", has_text="Mikhail Mishustin")).to_have_count(1)


def test_a_person_page_suggests_the_duplicate(logged_in, live_server):
    page = logged_in
    smaylov = person_id(page, live_server, "Alikhan Smaylov")
    page.goto(live_server + f"/admin/person/details/?id={smaylov}")
    suggested = page.locator("#duplicates")
    expect(suggested).to_contain_text("Alikhan Smailov")
    suggested.get_by_role("link", name="Merge…").click()
    expect(page.get_by_role("heading", name="Merge people")).to_be_visible()
    expect(page.locator("#merge-warnings")).to_have_count(0)
    screenshot(page, "test_a_person_page_suggests_the_duplicate", full_page=True)

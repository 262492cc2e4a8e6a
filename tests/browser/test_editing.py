"""Correcting a statement and merging people, in a real browser."""

from playwright.sync_api import expect


def choose_in_lookup(page, field: str, typed: str, label: str) -> None:
    """Pick ``label`` in a Select2 AJAX lookup after typing ``typed``."""
    page.locator(f"#s2id_{field}").click()
    page.keyboard.type(typed)
    page.locator(".select2-result-label", has_text=label).first.click()


def test_correct_a_statement_speaker(logged_in, live_server):
    page = logged_in
    page.goto(live_server + "/admin/statement/edit/?id=1&url=/admin/statement/")
    choose_in_lookup(page, "speaker", "Bekten", "Olzhas Bektenov")
    page.locator("input[type=submit][value=Save]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.fill("input[name=search]", "ready to develop fraternal relations with Astana")
    page.keyboard.press("Enter")
    row = page.locator("tr", has=page.locator("input[name=rowid][value='1']"))
    expect(row).to_contain_text("Olzhas Bektenov")
    expect(row).to_contain_text("edited")


def test_merge_two_people(logged_in, live_server):
    page = logged_in
    page.goto(live_server + "/admin/person/?search=Alikhan")
    rows = page.locator("table.model-list tbody tr")
    expect(rows).to_have_count(2)
    page.locator("input.action-checkbox").first.check()
    page.locator("input.action-checkbox").nth(1).check()
    page.get_by_role("button", name="With selected").click()
    page.get_by_role("link", name="Merge…").click()
    expect(page.get_by_role("heading", name="Merge people")).to_be_visible()
    page.get_by_label("Alikhan Smailov", exact=True).check()
    page.get_by_role("button", name="Merge 2 people").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.goto(live_server + "/admin/person/?search=Alikhan")
    expect(rows).to_have_count(1)
    page.goto(live_server + "/admin/person/?search=Smaylov")  # the merged name is now an alias
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Alikhan Smailov")

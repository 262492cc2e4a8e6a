"""Undoing a save from its confirmation message, and the date picker, in a real browser."""

from playwright.sync_api import expect

from tests.browser.helpers import screenshot
from tests.browser.test_editing import choose_in_lookup


def speaker_of_statement_one(page, live_server) -> str:
    page.goto(live_server + "/admin/statement/details/?id=1")
    row = page.locator("tr", has=page.locator("b", has_text="Speaker"))
    return row.locator("td").nth(1).inner_text().strip()


def test_undo_from_the_confirmation_message(logged_in, live_server):
    page = logged_in
    assert speaker_of_statement_one(page, live_server) == "Mikhail Mishustin"
    page.goto(live_server + "/admin/statement/edit/?id=1&url=/admin/statement/")
    choose_in_lookup(page, "speaker", "Bekten", "Olzhas Bektenov")
    page.locator("input[type=submit][value=Save]").click()
    message = page.locator(".alert-success", has_text="Record was successfully saved.")
    expect(message).to_be_visible()
    screenshot(page, "test_undo_from_the_confirmation_message")

    message.get_by_role("button", name="Undo").click()

    expect(page.locator(".alert-success", has_text="Undone: 1 change reverted.")).to_be_visible()
    screenshot(page, "test_undo_from_the_confirmation_message-undone")
    assert speaker_of_statement_one(page, live_server) == "Mikhail Mishustin"
    page.goto(live_server + "/admin/history/?flt0_table_equals=statements&flt1_row_equals=1")
    actions = page.locator("td.col-action")
    expect(actions).to_have_text(["reverted", "edited"])
    expect(page.locator("td.col-changes").nth(1)).to_contain_text(
        "speaker Mikhail Mishustin → Olzhas Bektenov"
    )


def test_the_date_picker_writes_into_the_date_box(logged_in, live_server):
    page = logged_in
    page.goto(live_server + "/admin/meeting/edit/?id=1")
    box = page.locator("input[name=held_on]")
    picker = page.locator("input[type=date].date-picker")
    expect(picker).to_have_count(1)
    expect(picker).to_have_value(box.input_value())
    picker.fill("2023-02-03")
    expect(box).to_have_value("2023-02-03")
    box.fill("4 March 2024")
    expect(picker).to_have_value("")

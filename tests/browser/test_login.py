"""Logging in through a real browser."""

from playwright.sync_api import expect


def test_anonymous_visitors_are_sent_to_the_login_page(page, live_server):
    page.goto(live_server + "/admin/statement/")
    expect(page).to_have_url(live_server + "/login?next=/admin/statement/")
    expect(page.locator("input[name=password]")).to_be_visible()


def test_log_in_and_reach_the_admin(logged_in, live_server):
    expect(logged_in).to_have_url(live_server + "/admin/")
    expect(logged_in.get_by_text("erin")).to_be_visible()


def test_a_wrong_password_is_refused(page, live_server):
    page.goto(live_server + "/login")
    page.fill("input[name=username]", "erin")
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit], input[type=submit]")
    expect(page.get_by_text("Wrong username or password.")).to_be_visible()

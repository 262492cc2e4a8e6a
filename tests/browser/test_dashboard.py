"""The dashboard's charts, drawn in a real browser."""

import re

from playwright.sync_api import expect


def test_dashboard_shows_the_meetings_chart_and_network(logged_in, live_server):
    page = logged_in
    page.goto(live_server + "/admin/")
    bars = page.locator("section[aria-labelledby=timeline-heading] svg rect.bar")
    expect(bars).to_have_count(4)  # Feb 2022, Feb 2023, Feb 2024, Mar 2024
    box = bars.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    network = page.locator("section[aria-labelledby=network-heading] svg")
    expect(network.locator("a.node", has_text="Olzhas Bektenov")).to_have_count(1)
    expect(network.locator("line.edge").first).to_be_visible()
    network.locator("a.node", has_text="Olzhas Bektenov").click()
    expect(page).to_have_url(re.compile(r"/admin/person/details/\?id=\d+"))
    expect(page.locator("body")).to_contain_text("Olzhas Bektenov")

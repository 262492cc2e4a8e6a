"""Reading a seed article with its highlights, in a real browser."""

import re

from playwright.sync_api import expect


def test_a_seed_article_shows_its_highlights(logged_in, live_server):
    page = logged_in
    page.goto(live_server + "/admin/article/")
    page.get_by_role(
        "link", name="Mikhail Mishustin meets with Prime Minister of Kazakhstan"
    ).click()
    expect(page).to_have_url(live_server + "/admin/article/read/5")
    statements = page.locator(".article-text .hl-statement")
    expect(statements.first).to_have_attribute("title", re.compile(r"Alikhan Smailov, transcript"))
    expect(page.locator(".article-text")).to_contain_text("Mr Mishustin, colleagues.")
    ids = set(statements.evaluate_all("nodes => nodes.map(n => n.dataset.statement)"))
    assert len(ids) == 2, ids  # the two transcript turns
    expect(page.locator(".article-text .hl-mention").first).to_be_visible()
    legend = page.locator(".article-legend")
    expect(legend).to_contain_text("Alikhan Smailov")
    expect(legend).to_contain_text("Mikhail Mishustin")
    colours = statements.evaluate_all(
        "nodes => nodes.map(n => n.dataset.statement + ' ' + getComputedStyle(n).backgroundColor)"
    )
    assert len(set(colours)) == 2, set(colours)  # one colour per speaker
    page.get_by_role("link", name="Raw text").click()
    expect(page.locator("pre")).to_contain_text("Предыдущая новость Следующая новость")

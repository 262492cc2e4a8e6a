"""Metadata the operator gives, in front matter or a manifest row, wins over what is read."""

from __future__ import annotations

from datetime import date

import pytest

from webapp.ingest import Given
from webapp.ingest import ReadError
from webapp.ingest import given
from webapp.ingest import read_bytes

PAGE = "Leaders meet\n\nMOSCOW, March 4. /TASS/. Putin met Tokayev in the Kremlin.\n"


def test_front_matter_wins_and_stays_out_of_the_text() -> None:
    text = (
        "---\nurl: https://tass.com/politics/1\npublished: 2024-03-04\n"
        "source: Kazinform\ntitle: The talks\n---\n" + PAGE
    )
    document = read_bytes("a.txt", text.encode())
    assert document.url == "https://tass.com/politics/1"
    assert (document.published, document.date_from) == (date(2024, 3, 4), "given")
    assert document.source == "Kazinform"  # given, though the dateline names TASS
    assert document.title == "The talks"
    assert document.text.startswith("MOSCOW, March 4.")
    assert "---" not in document.text


def test_a_manifest_row_wins_over_front_matter() -> None:
    text = "---\npublished: 2024-03-04\n---\n" + PAGE
    document = read_bytes("a.txt", text.encode(), Given(published=date(2024, 3, 5)))
    assert document.published == date(2024, 3, 5)


def test_without_metadata_the_reader_decides() -> None:
    document = read_bytes("a.txt", PAGE.encode())
    assert document.url is None
    assert document.source == "TASS"
    assert document.published is None  # no year anywhere


def test_a_given_url_names_the_source_when_the_page_does_not() -> None:
    page = "Leaders meet\n\nPutin met Tokayev in the Kremlin on Monday.\n"
    document = read_bytes("a.txt", page.encode(), Given(url="https://www.inform.kz/en/news/1"))
    assert document.source == "Kazinform"


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("published: 4 March 2024", "published: expected a date as YYYY-MM-DD"),
        ("published: 2024-02-30", "published: 2024-02-30 is not a date"),
        ("url: tass.com/x", "url: expected an http(s) address"),
        ("author: me", "unknown field 'author'"),
        ("not a field", "front matter line 2: expected 'field: value'"),
    ],
)
def test_bad_front_matter_names_the_file_and_the_field(front: str, reason: str) -> None:
    with pytest.raises(ReadError) as raised:
        read_bytes("bad.txt", f"---\n{front}\n---\n{PAGE}".encode())
    assert str(raised.value).startswith("bad.txt: ")
    assert reason in str(raised.value)


def test_given_converts_manifest_strings() -> None:
    row = {"url": " https://x.kz/1 ", "published": "2024-01-02", "source": "", "title": None}
    assert given(row) == Given(url="https://x.kz/1", published=date(2024, 1, 2))


UNDATED = "Putin meets Lukashenko\n\nVladimir Putin met Alexander Lukashenko on Friday.\n"


@pytest.mark.parametrize(
    ("address", "day"),
    [
        ("https://lenta.ru/news/2022/03/11/peregovoriukr", date(2022, 3, 11)),
        ("https://sputniknews.com/20220915/putin--xi-meet--1100801269.html", date(2022, 9, 15)),
        ("http://en.people.cn/n3/2025/0617/c90000-20328902.html", date(2025, 6, 17)),
        (
            "https://www.tellerreport.com/news/2019-06-30---putin-and-lukashenko.html",
            date(2019, 6, 30),
        ),
        # an article's number is no date, nor is a month 13
        ("https://tass.com/politics/1508057", None),
        ("https://example.com/news/20221315/x", None),
    ],
)
def test_a_date_in_the_pages_address_dates_an_undated_page(address: str, day: date | None) -> None:
    printed = read_bytes("a.txt", f"{address}\n\n{UNDATED}".encode())
    given_address = read_bytes("a.txt", UNDATED.encode(), Given(url=address))
    assert printed.published == given_address.published == day


def test_the_pages_own_date_wins_over_its_address() -> None:
    page = f" date 2022-03-12 {UNDATED}"
    document = read_bytes("a.txt", page.encode(), Given(url="https://lenta.ru/news/2022/03/11/x"))
    assert document.published == date(2022, 3, 12)

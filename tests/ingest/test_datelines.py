"""Wire datelines with the day before the month: "Almaty. 5 March. KazTAG -"."""

from __future__ import annotations

import pytest

from webapp.ingest.read.datelines import match_dateline
from webapp.ingest.read.outlets import outlets
from webapp.ingest.read.reader import read_bytes


@pytest.mark.parametrize(
    ("opening", "place", "month_day", "agency"),
    [
        # the day before the month, then the mark that leads to the agency's tag
        ("Almaty. 5 March. KazTAG - The ministers met.", "Almaty", (3, 5), "KazTAG"),
        ("ASTANA, 15 May, Kazinform – The leaders met.", "Astana", (5, 15), "Kazinform"),
        ("Baku, 5 November, AZERTAC - The leaders met.", "Baku", (11, 5), "AZERTAC"),
        ("Yerevan, 5 November, Armenpress. The leaders met.", "Yerevan", (11, 5), "Armenpress"),
        # the month first, as before
        ("Astana. July 4. KazTAG - The presidents met.", "Astana", (7, 4), "KazTAG"),
        ("Baku, November 5, AZERTAC - The leaders met.", "Baku", (11, 5), "AZERTAC"),
    ],
)
def test_a_date_with_the_day_first_leads_to_the_agency(
    opening: str, place: str, month_day: tuple[int, int], agency: str
) -> None:
    found = match_dateline(opening, outlets=outlets())
    assert found is not None
    assert (found.place, (found.month, found.day)) == (place, month_day)
    assert found.agency is not None and found.agency.rstrip(".") == agency


def test_a_sentence_with_a_date_is_no_dateline() -> None:
    assert match_dateline("In Almaty, 5 March, the ministers met.", outlets=outlets()) is None


def test_the_dateline_gives_place_and_source_of_the_page() -> None:
    document = read_bytes("k.txt", b"Leaders meet\n\nAlmaty. 5 March. KazTAG - The ministers met.")
    assert (document.dateline_place, document.source) == ("Almaty", "KazTAG")


@pytest.mark.parametrize(
    "line",
    ["Posted on July 3, 2024 by admin", "Published on 3 July 2024", "By John Smith | July 3, 2024"],
)
def test_a_date_line_with_the_sites_words_around_it_dates_the_page(line: str) -> None:
    text = f"Leaders meet in Astana\n\n{line}\n\nPresident Tokayev met President Putin on Monday."
    document = read_bytes("d.txt", text.encode())
    assert document.published is not None and document.published.isoformat() == "2024-07-03"
    assert document.title == "Leaders meet in Astana"


@pytest.mark.parametrize(
    ("opening", "month_day"),
    [
        # an Indian wire's dateline ends with a colon after the day
        ("Samarkand, September 16: Prime Minister Narendra Modi met the president.", (9, 16)),
        ("New Delhi, Sep 3: The ministers met.", (9, 3)),
    ],
)
def test_a_dateline_may_end_with_a_colon_after_the_day(
    opening: str, month_day: tuple[int, int]
) -> None:
    found = match_dateline(opening, outlets=outlets())
    assert found is not None and (found.month, found.day) == month_day


def test_a_time_after_the_day_is_no_colon_dateline() -> None:
    from webapp.ingest.dates import written_dates

    assert written_dates("September 16:30 Moscow time") == []


def test_a_wire_dateline_below_a_relaying_sites_lines_gives_place_and_source() -> None:
    text = (
        "Agency news\n\nNews immediate,\n\nnon mediate!\n\nCategoria news:\n\nLANCIO D'AGENZIA"
        "\n\nLINK\n\nPutin meets with Syrian president in Kremlin.\n\n"
        "MOSCOW, July 25. /TASS/. Russian President Vladimir Putin has met Bashar Assad."
    )
    document = read_bytes("w.txt", text.encode())
    assert (document.dateline_place, document.source) == ("Moscow", "TASS")


def test_a_sentence_further_down_is_no_dateline() -> None:
    text = (
        "Leaders meet\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n"
        "In Moscow, July 25, the presidents met for talks."
    )
    document = read_bytes("w.txt", text.encode())
    assert (document.dateline_place, document.source) == (None, None)

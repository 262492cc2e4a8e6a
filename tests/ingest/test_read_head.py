"""The head of an article: datelines, header and byline, title and subtitle, frame, encodings."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from webapp.ingest.read.reader import read_bytes

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seed_data" / "articles"
NBSP = "\u00a0"


# --- datelines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "place", "month_day", "published", "source"),
    [
        ("ASTANA, Jan 5 (Reuters) - Tokayev met Mishustin.", "Astana", (1, 5), None, "Reuters"),
        ("BEIJING, March 4 (Xinhua) -- Leaders met.", "Beijing", (3, 4), None, "Xinhua"),
        ("Almaty, 12 May 2023 — The ministers met.", "Almaty", None, date(2023, 5, 12), None),
        (
            "MOSCOW, October 12, 2023. /TASS/ Putin met Tokayev.",
            "Moscow",
            None,
            date(2023, 10, 12),
            "TASS",
        ),
        ("MOSCOW, March 4. /TASS/. Talks were held.", "Moscow", (3, 4), None, "TASS"),
        ("RUSSIA, February 1 - The talks took place.", "Russia", (2, 1), None, None),
        ("NUR-SULTAN, Sept. 3 (Interfax) - Talks began.", "Nur-Sultan", (9, 3), None, "Interfax"),
        (
            "ST. PETERSBURG, December 25 /TASS/. Leaders met.",
            "St. Petersburg",
            (12, 25),
            None,
            "TASS",
        ),
        ("BISHKEK, October 26, 2023. The talks began.", "Bishkek", None, date(2023, 10, 26), None),
        ("ASTANA. KAZINFORM – Tokayev held talks.", "Astana", None, None, "Kazinform"),
        ("ASTANA – Tokaev received Lavrov.", "Astana", None, None, None),
    ],
)
def test_generic_datelines(
    opening: str,
    place: str,
    month_day: tuple[int, int] | None,
    published: date | None,
    source: str | None,
) -> None:
    document = read_bytes("wire.txt", f"Leaders meet\n\n{opening}\n\nMore text.".encode())
    assert document.title == "Leaders meet"
    assert document.dateline_place == place
    assert document.dateline_month_day == month_day
    assert document.published == published
    assert document.date_from == ("dateline" if published else None)
    assert document.source == source
    assert document.text.startswith(opening)
    assert ("dateline has no year" in document.notes) == (month_day is not None)


@pytest.mark.parametrize(
    "opening",
    [
        "In Moscow, March 4. Talks were held.",
        "MOSCOW, February 30 - Talks were held.",
        "Tokayev, who arrived on Monday, met Putin.",
        "EAEU – the union – met in Almaty, said officials.",
    ],
)
def test_not_a_dateline(opening: str) -> None:
    text = f"Leaders meet\n\nThe first paragraph is here.\n\n{opening}"
    document = read_bytes("wire.txt", text.encode())
    assert document.dateline_place is None
    assert document.dateline_month_day is None


def test_dateline_year_comes_from_the_header_without_a_note() -> None:
    document = read_bytes("x.txt", b" date 2024-03-04 MOSCOW, March 4. /TASS/. Talks began.")
    assert document.published == date(2024, 3, 4)
    assert document.date_from == "header"
    assert document.dateline_month_day == (3, 4)
    assert document.notes == ("title taken from the first sentence",)
    assert document.title == "Talks began"


def test_dateline_that_disagrees_with_the_header_is_noted() -> None:
    document = read_bytes("x.txt", b" date 2024-03-05 MOSCOW, March 4. /TASS/. Talks began.")
    assert any("differs from the header date 2024-03-05" in note for note in document.notes)


# --- header and byline -----------------------------------------------------------------


def test_header_alone_on_its_line_is_followed_by_a_title() -> None:
    document = read_bytes("x.txt", b" date 2024-03-04\nLeaders meet\n\nThe talks began today.")
    assert document.published == date(2024, 3, 4)
    assert document.title == "Leaders meet"
    assert document.text == "The talks began today."


def test_invalid_header_date_is_noted_not_fatal() -> None:
    document = read_bytes("x.txt", b" date 2024-02-30 The talks began today.")
    assert document.published is None
    assert document.date_from is None
    assert "header date 2024-02-30 is not a valid date" in document.notes
    assert document.text == "The talks began today."


@pytest.mark.parametrize(
    ("byline", "published", "source"),
    [
        ("03.02.2023 ТАСС 33 просмотров", date(2023, 2, 3), "TASS"),
        ("03.02.2023 TASS", date(2023, 2, 3), "TASS"),
        ("12.11.2022", date(2022, 11, 12), None),
        ("9 November 2023", date(2023, 11, 9), None),
        ("12 June 2024, 17:40", date(2024, 6, 12), None),
        ("January 5, 2023 1:42 PM UTC", date(2023, 1, 5), None),
        ("27 September 2024, 15:00. Government House, Moscow", date(2024, 9, 27), None),
    ],
)
def test_byline_date_is_parsed_and_removed(
    byline: str, published: date, source: str | None
) -> None:
    text = f"Leaders meet\n\n{byline}\n\nThe talks began today.\n\nThey ended late."
    document = read_bytes("x.txt", text.encode())
    assert document.published == published
    assert document.date_from == "byline"
    assert document.source == source
    assert document.title == "Leaders meet"
    assert document.subtitle is None
    assert document.text == "The talks began today.\n\nThey ended late."


def test_byline_with_an_impossible_date_gives_no_date() -> None:
    document = read_bytes("x.txt", b"Leaders meet\n\n31.02.2023 TASS\n\nThe talks began.")
    assert document.published is None
    assert document.date_from is None
    assert document.text == "The talks began."


def test_author_line_is_part_of_the_byline() -> None:
    text = "Leaders meet\n\nBy our correspondent in Astana\n9 November 2023\n\nThe talks began."
    document = read_bytes("x.txt", text.encode())
    assert document.text == "The talks began."
    assert document.published == date(2023, 11, 9)


# --- title and subtitle ------------------------------------------------------------------


def test_subtitle_stands_between_title_and_dateline() -> None:
    text = "Leaders meet\n\nA standfirst that ends with a stop.\n\nMOSCOW, May 5. /TASS/. Talks."
    document = read_bytes("x.txt", text.encode())
    assert document.title == "Leaders meet"
    assert document.subtitle == "A standfirst that ends with a stop."
    assert document.text == "MOSCOW, May 5. /TASS/. Talks."


def test_a_single_line_is_body_not_title() -> None:
    document = read_bytes("x.txt", b"Tokayev met Putin")
    assert document.text == "Tokayev met Putin"
    assert document.title == "Tokayev met Putin"
    assert "title taken from the first sentence" in document.notes


def test_short_first_sentence_is_the_whole_title() -> None:
    document = read_bytes("x.txt", b" date 2024-01-01 Mr. Putin met Tokayev. They talked.")
    assert document.title == "Mr. Putin met Tokayev"


def test_a_one_word_section_label_above_the_headline_is_not_the_title() -> None:
    text = (
        "Politics\n\nPresident Tokayev receives the Uzbek foreign minister\n\n"
        "ASTANA, 3 May (Kazinform) – The talks were held in Akorda."
    )
    document = read_bytes("rubric.txt", text.encode())
    assert document.title == "President Tokayev receives the Uzbek foreign minister"
    assert document.subtitle is None


def test_the_site_clock_gives_way_to_the_date_line_the_dateline_agrees_with() -> None:
    text = (
        "News\n\nFriday, 19 April 2024\n\nAll news\n\n30 September 2016, 09:02\n\n"
        "Presidents meet in Beijing\n\n"
        "BEIJING, 30 September (BelTA) – The presidents held talks in Beijing."
    )
    document = read_bytes("clock.txt", text.encode())
    assert document.published == date(2016, 9, 30)


def test_the_first_date_line_stands_when_the_dateline_agrees_with_it() -> None:
    text = (
        "30 September 2016, 09:02\n\n1 October 2016, 10:00\n\nPresidents meet in Beijing\n\n"
        "BEIJING, 30 September (BelTA) – The presidents held talks in Beijing."
    )
    assert read_bytes("first.txt", text.encode()).published == date(2016, 9, 30)


# --- chrome ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "All news",
        "33 просмотров",
        "1 234 views",
        "Новости партнёров",
        "Предыдущая новость Следующая новость",
        "Previous news Next news",
        "Subscribe to Big Asia Newsletters",
        "Subscribe and don't miss exclusive news",
        "Opening Asia for Russia",
        "Share",
        "Share on Facebook Twitter Telegram",
        "Read more: Tokayev visits Moscow",
        "Читайте также: Токаев посетил Москву",
        "Photo: Kremlin press service",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "* * *",
        "Какой-то текст только по-русски",
        "Mikhail Mishustin and Olzhas Bektenov before the talks, 27 September 2024",
        "Skip to main content",
        "Jump to navigation",
        "Home > News > Politics",
        "Главная › Новости › Политика",
        "Sign up for our newsletter",
        "Share this article",
        "10:15 · 1,234 views",
        "Kassym-Jomart Tokayev and Vladimir Putin. Photo: Akorda",
        "All rights reserved",
        "www.example.kz",
    ],
)
def test_chrome_line_is_removed(chrome: str) -> None:
    text = f"Leaders meet\n\nThe talks began today.\n\n{chrome}\n\nThey ended late."
    document = read_bytes("x.txt", text.encode())
    assert document.text == "The talks began today.\n\nThey ended late."


def test_cyrillic_lines_stay_in_a_russian_article() -> None:
    text = "Лидеры встретились\n\nПереговоры начались сегодня.\n\nОни закончились поздно."
    document = read_bytes("x.txt", text.encode())
    assert document.title == "Лидеры встретились"
    assert document.text == "Переговоры начались сегодня.\n\nОни закончились поздно."


def test_characters_inside_lines_survive_exactly() -> None:
    line = '“Yes,” he said — «да» – it’s ‘fine’ "really"\u00a0 1.5 trillion roubles.'
    document = read_bytes("x.txt", f"Leaders meet\n\n  {line}\t\n".encode())
    assert document.text == line


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a government site that another outlet relays is a press service, not the publisher
        ("Tokayev met Putin in Moscow, Akorda reports.", None),
        ("Putin met Tokayev, the Kremlin reports.", None),
        ("Talks were held, Kazinform correspondent reports.", "Kazinform"),
        ("Talks were held, Kazinform cites the Akorda press service.", "Kazinform"),
        ("Talks were held, RIA Novosti reports.", "RIA Novosti"),
        ("Talks were held, Interfax reports.", "Interfax"),
        ("Talks were held, says an unknown blog.", None),
    ],
)
def test_source_from_x_reports(text: str, source: str | None) -> None:
    assert read_bytes("x.txt", f" date 2024-01-01 {text}".encode()).source == source


BODY = "President Shavkat Mirziyoyev met Vladimir Putin on Sunday.\n\nThe talks were long."


@pytest.mark.parametrize(
    ("text", "source", "place"),
    [
        # a dateline with its country and an agency the table knows by its domain
        (f"Tashkent, Uzbekistan (UzDaily.com) -- {BODY}", "UzDaily", "Tashkent"),
        # an agency tag in capitals, or a domain, in brackets: the table need not know it
        (f"(NEWSWIRE) – {BODY}", "NEWSWIRE", None),
        (f"(Steppe-News.kz) - {BODY}", "Steppe-News.kz", None),
        # a domain-like spelling in another case
        (f"Talks were held in Tashkent, News.Az reports.\n\n{BODY}", "News.az", None),
        # the site's own notice: its name before the sign, after "All rights reserved"
        (f"{BODY}\n\nCaliber.az © 2026.", "Caliber.az", None),
        (f"{BODY}\n\nAll rights reserved © Daryo 2024", "Daryo", None),
        # a notice of rights reserved names its owner even when the table does not know it
        (f"{BODY}\n\nCopyright © 2023 The Steppe Herald. All rights reserved.",
         "The Steppe Herald", None),
        # the site's address as a line of the frame; a press service's address is relayed
        (f"www.gazeta.uz\n\n{BODY}", "Gazeta.uz", None),
        (f"{BODY}\n\nakorda.kz", None, None),
        # the wire's sign-off at the end of the story
        (f"{BODY} (ANI)", "ANI", None),
        (f"{BODY}\n\nAPA", "APA", None),
        (f"{BODY}\n\nReporting by Olzhas Auyezov; Editing by Mark Heinrich", "Reuters", None),
        (f"{BODY} according to Kazinform", None, None),
        # a byline in capitals, with the agency whose copy it used
        (f"DAILY SABAH WITH AA\n\n{BODY}", "Daily Sabah", None),
        (f"{BODY}\n\n© Kazinform 1997-2024", "Kazinform", None),
    ],
)  # fmt: skip
def test_source_from_tags_notices_and_addresses(
    text: str, source: str | None, place: str | None
) -> None:
    document = read_bytes("x.txt", f"Leaders meet in Tashkent\n\n{text}".encode())
    assert (document.source, document.dateline_place) == (source, place)


def test_an_author_line_first_is_the_byline_not_the_title() -> None:
    text = f"By Aigerim Sadykova\n\nLeaders meet in Tashkent\n\n{BODY}"
    assert read_bytes("by.txt", text.encode()).title == "Leaders meet in Tashkent"


def test_a_title_with_guillemets_is_no_breadcrumb() -> None:
    text = f"«Astana» and «Tashkent» sign a trade deal\n\n{BODY}"
    assert read_bytes("q.txt", text.encode()).title == "«Astana» and «Tashkent» sign a trade deal"


@pytest.mark.parametrize(
    ("line", "title", "source"),
    [
        ("Leaders meet in Tashkent | Kazinform", "Leaders meet in Tashkent", "Kazinform"),
        ("Leaders meet in Tashkent - The Astana Times", "Leaders meet in Tashkent",
         "The Astana Times"),
        ("Tashkent - Moscow talks", "Tashkent - Moscow talks", None),
    ],
)  # fmt: skip
def test_a_site_name_ending_the_title_is_the_source(
    line: str, title: str, source: str | None
) -> None:
    document = read_bytes("suffix.txt", f"{line}\n\n{BODY}".encode())
    assert (document.title, document.source) == (title, source)


def test_a_headline_printed_twice_in_a_row_under_a_ticker_is_the_title() -> None:
    text = (
        "01.02.2024, 17:30 94866\n\nUSD 470.5\n\nEUR 512.1\n\n"
        "Presidents of Uzbekistan and Turkmenistan hold talks\n\n"
        "Presidents of Uzbekistan and Turkmenistan hold talks\n\n"
        "The presidents held talks in Ashgabat on Thursday.\n\nThey discussed trade."
    )
    document = read_bytes("twice.txt", text.encode())
    assert document.title == "Presidents of Uzbekistan and Turkmenistan hold talks"
    assert document.published == date(2024, 2, 1)


def test_a_date_line_in_russian_is_read() -> None:
    text = "Leaders meet in Astana\n\n12 марта 2023, 10:15\n\nThe talks began.\n\nMore."
    assert read_bytes("ru.txt", text.encode()).published == date(2023, 3, 12)


def test_government_frame_without_transcript_is_not_a_source() -> None:
    text = "Leaders meet\n\nThe talks began.\n\nПредыдущая новость Следующая новость"
    assert read_bytes("x.txt", text.encode()).source is None


# --- line endings and byte-order mark ----------------------------------------------------


def test_crlf_and_cr_read_like_lf() -> None:
    data = (SEEDS / "000_bc75cffa8b8ea9a8.txt").read_bytes()
    lf = read_bytes("a.txt", data)
    for other in (data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r")):
        document = read_bytes("a.txt", other)
        assert "\r" not in document.text
        assert document.text == lf.text
        assert (document.title, document.subtitle, document.source) == (
            lf.title,
            lf.subtitle,
            lf.source,
        )
        assert document.raw_text == other.decode()
        assert document.sha256 != lf.sha256


def test_bom_is_stripped_and_hashed() -> None:
    data = "\ufeffLeaders meet\r\n\r\nMOSCOW, May 5. /TASS/. Talks.".encode()
    document = read_bytes("bom.txt", data)
    assert data.startswith(b"\xef\xbb\xbf")
    assert document.title == "Leaders meet"
    assert not document.raw_text.startswith("\ufeff")
    assert document.sha256 == hashlib.sha256(data).hexdigest()

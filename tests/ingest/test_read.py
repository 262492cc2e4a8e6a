"""The reader: seed articles, datelines, chrome, and every way a file can be refused."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from pathlib import Path

import pytest

from webapp.ingest.read.reader import MAX_BYTES
from webapp.ingest.read.reader import TITLE_MAX
from webapp.ingest.read.reader import ReadError
from webapp.ingest.read.reader import read_bytes
from webapp.ingest.read.reader import read_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seed_data" / "articles"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Seed:
    file: str
    title: str | None
    subtitle: str | None
    published: date | None
    date_from: str | None
    source: str | None
    place: str | None
    month_day: tuple[int, int] | None
    first: str
    last: str
    chrome: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    kept: tuple[str, ...] = field(default=())


SEED_CASES = [
    Seed(
        file="000_bc75cffa8b8ea9a8.txt",
        title="Russia ready to develop relations with Kazakhstan, Russian PM reiterates",
        subtitle=(
            'Mikhail Mishustin noted that relations between both countries "are based on the'
            " principles of mutual respect, trust, strategic partnership and the historical"
            ' friendship of peoples"'
        ),
        published=None,
        date_from=None,
        source="TASS",
        place="Moscow",
        month_day=(3, 4),
        first=(
            "MOSCOW, March 4. /TASS/. Russian Prime Minister Mikhail Mishustin confirmed that"
            " Moscow is ready to develop fraternal relations with Astana."
        ),
        last=(
            '"Russia and Kazakhstan are working fruitfully in the Eurasian Economic Union. We'
            " stand for deepening integration processes in order to develop our national"
            ' economies and improve the level of well-being of citizens," the head of the'
            " Russian government stressed."
        ),
        chrome=("All news", "Russian PM reiterates", "noted that relations between both"),
        notes=("dateline has no year",),
    ),
    Seed(
        file="001_ac1ef8e471137e25.txt",
        title="Russian-Kazakh cooperation remains an absolute priority for Moscow",
        subtitle=None,
        published=date(2023, 2, 3),
        date_from="byline",
        source="TASS",
        place=None,
        month_day=None,
        first=(
            f"Strengthening ties between the Russian Federation and{NBSP}Kazakhstan is an"
            " absolute priority for Moscow."
        ),
        last=(
            f"conveyed greetings from the President of the Russian Federation{NBSP}Vladimir"
            " Putin to President of Kazakhstan Kassym-Jomart Tokayev and Prime Minister of the"
            " Republic Alikhan Smailov."
        ),
        chrome=(
            "Opening Asia for Russia",
            "03.02.2023",
            "ТАСС",
            "просмотров",
            "Новости партнёров",
            "Subscribe",
            "exclusive news",
            "remains an absolute priority for Moscow\n",
        ),
        kept=("January — November 2022", "high—tech", "it's not bad at all"),
    ),
    Seed(
        file="002_69f0ed8668c40976.txt",
        title=None,  # derived from the first sentence; checked separately
        subtitle=None,
        published=date(2024, 3, 4),
        date_from="header",
        source=None,
        place=None,
        month_day=None,
        first=(
            "Russian Prime Minister Mikhail Mishustin on Monday said that his country gives"
            ' priority to strengthening "good neighborly" relations with Kazakhstan.'
        ),
        last=(
            "Both I personally and my colleagues are completely ready for fruitful"
            ' cooperation," he added.'
        ),
        chrome=("date 2024-03-04",),
        notes=("title taken from the first sentence",),
    ),
    Seed(
        file="003_0e238f7b06a283d3.txt",
        title=None,
        subtitle=None,
        published=date(2022, 2, 13),
        date_from="header",
        source="Kazpravda.kz",
        place=None,
        month_day=None,
        first=(
            "Head of State Kassym-Jomart Tokayev met with Prime Minister of Russia Mikhail"
            " Mishustin, Kazpravda.kz reports with reference to the press service of the"
            " President of the Republic of Kazakhstan."
        ),
        last=(
            "At the end of the meeting, the President of Kazakhstan expressed confidence that"
            " economic cooperation would meet the strategic goals of cooperation between our"
            " states."
        ),
        chrome=("date 2022-02-13",),
        notes=("title taken from the first sentence",),
        kept=(
            "\n\nThere is a lot of work to be done to promote strategic partnership",
            "\n\nI would like to assure you that the Government of the Russian Federation",
        ),
    ),
    Seed(
        file="004_09dc893c7673816c.txt",
        title="Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov",
        subtitle=None,
        published=date(2024, 2, 1),
        date_from="header",
        source="Government of Russia",
        place="Russia",
        month_day=(2, 1),
        first=(
            "RUSSIA, February 1 - The conversation took place on the sidelines of the Eurasian"
            " Intergovernmental Council meeting."
        ),
        last=(
            "Esteemed Mr Smailov, we have a broad agenda. I suggest moving on to the negotiations."
        ),
        chrome=(
            "date 2024-02-01",
            "Предыдущая новость",
            "Следующая новость",
            "1 February 2024",
            "meets with Prime Minister",
        ),
        kept=(
            "\n\nAlihan Smailov: Mr Mishustin, colleagues.\n\n",
            "\n\nMikhail Mishustin: Once again, I greet you, Mr Smailov, friends.\n\n",
            "Kazakhstan’s main trade and economic partners",
        ),
    ),
]


def _read_seed(file: str):
    return read_path(SEEDS / file)


@pytest.mark.parametrize("seed", SEED_CASES, ids=lambda seed: seed.file[:3])
def test_seed_metadata(seed: Seed) -> None:
    document = _read_seed(seed.file)
    assert document.file == seed.file
    if seed.title is not None:
        assert document.title == seed.title
    assert document.subtitle == seed.subtitle
    assert document.published == seed.published
    assert document.date_from == seed.date_from
    assert document.source == seed.source
    assert document.dateline_place == seed.place
    assert document.dateline_month_day == seed.month_day
    for note in seed.notes:
        assert note in document.notes


@pytest.mark.parametrize("seed", SEED_CASES, ids=lambda seed: seed.file[:3])
def test_seed_text(seed: Seed) -> None:
    document = _read_seed(seed.file)
    assert document.text.startswith(seed.first)
    assert document.text.endswith(seed.last)
    for chrome in seed.chrome:
        assert chrome not in document.text
    for kept in seed.kept:
        assert kept in document.text


@pytest.mark.parametrize("seed", SEED_CASES, ids=lambda seed: seed.file[:3])
def test_seed_raw_text_hash_and_paragraphs(seed: Seed) -> None:
    data = (SEEDS / seed.file).read_bytes()
    document = _read_seed(seed.file)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.raw_text == data.decode("utf-8")
    assert "\r" not in document.text
    assert "\n\n\n" not in document.text
    for paragraph in document.text.split("\n\n"):
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
        assert paragraph in document.raw_text


@pytest.mark.parametrize(
    ("file", "sentence"),
    [
        ("002_69f0ed8668c40976.txt", SEED_CASES[2].first),
        ("003_0e238f7b06a283d3.txt", SEED_CASES[3].first),
    ],
)
def test_title_from_first_sentence_is_cut_at_a_word_boundary(file: str, sentence: str) -> None:
    title = _read_seed(file).title
    assert title is not None
    assert title.endswith("…")
    stem = title.removesuffix("…")
    assert 20 <= len(stem) <= TITLE_MAX
    assert sentence.startswith(stem)
    assert sentence[len(stem)] in " ,"


def test_seed_003_title_stops_at_the_clause_before_the_source() -> None:
    title = _read_seed("003_0e238f7b06a283d3.txt").title
    assert title == (
        "Head of State Kassym-Jomart Tokayev met with Prime Minister of Russia Mikhail Mishustin…"
    )


def test_seed_003_keeps_one_paragraph_per_line() -> None:
    document = _read_seed("003_0e238f7b06a283d3.txt")
    assert len(document.text.split("\n\n")) == 9


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
        ("Tokayev met Putin in Moscow, Akorda reports.", "Akorda"),
        ("Putin met Tokayev, the Kremlin reports.", "Kremlin"),
        ("Talks were held, RIA Novosti reports.", "RIA Novosti"),
        ("Talks were held, Interfax reports.", "Interfax"),
        ("Talks were held, says an unknown blog.", None),
    ],
)
def test_source_from_x_reports(text: str, source: str | None) -> None:
    assert read_bytes("x.txt", f" date 2024-01-01 {text}".encode()).source == source


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


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "empty (whitespace only)"),
        (b"\xef\xbb\xbf", "empty (only a BOM)"),
        (b"\xef\xbb\xbf \n", "empty (whitespace only)"),
        (b"Tokayev\x00met Putin", "binary (NUL byte at offset 7)"),
        (bytes(range(1, 9)) * 50 + b"text", "binary (400 control characters in 404)"),
        ("Café in Almaty".encode("latin-1"), "not UTF-8 (invalid byte 0xe9 at offset 3)"),
        (b"\xef\xbb\xbfab\xff", "not UTF-8 (invalid byte 0xff at offset 5)"),
        ("Hello".encode("utf-16"), "not UTF-8 (UTF-16 or UTF-32 byte-order mark)"),
        (
            b"All news\n\n33 \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd0\xbc\xd0\xbe\xd1\x82\xd1\x80\xd0"
            b"\xbe\xd0\xb2\nSubscribe to Big Asia Newsletters\n",
            "no body text after removing site chrome",
        ),
        (b"***\n---\n...", "no body text after removing site chrome"),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes("bad.txt", data)
    assert caught.value.file == "bad.txt"
    assert caught.value.reason == reason
    assert str(caught.value) == f"bad.txt: {reason}"


def test_read_error_is_a_value_error_and_pickles() -> None:
    error = ReadError("bad.txt", "empty file")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.reason, str(copy)) == ("bad.txt", "empty file", "bad.txt: empty file")


def test_over_size_bytes_are_refused() -> None:
    with pytest.raises(ReadError, match=rf"big.txt: too large \({MAX_BYTES + 1} bytes"):
        read_bytes("big.txt", b"a" * (MAX_BYTES + 1))


def test_exactly_max_bytes_is_read() -> None:
    assert read_bytes("max.txt", b"a" * MAX_BYTES).text == "a" * MAX_BYTES


def test_over_size_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 * MAX_BYTES)  # sparse: reading it whole would be noticed
    with pytest.raises(ReadError, match=r"huge.txt: too large"):
        read_path(path)


def test_symlink_is_refused_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(SEEDS / "000_bc75cffa8b8ea9a8.txt")
    with pytest.raises(ReadError) as caught:
        read_path(link)
    assert caught.value.file == "link.txt"
    assert caught.value.reason == "symbolic link (not followed)"


def test_directory_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(tmp_path)
    with pytest.raises(ReadError, match=r"absent.txt: cannot read \(No such file"):
        read_path(tmp_path / "absent.txt")


def test_read_path_uses_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"Leaders meet\n\nThe talks began.")
    document = read_path(path)
    assert document.file == "note.txt"
    assert document.text == "The talks began."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(fifo)


# --- hostile input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"a" * (1024 * 1024), id="1MB-line"),
        pytest.param(b"word " * 200_000, id="1MB-words"),
        pytest.param(b'a"' * 100_000, id="quotes"),
        pytest.param(b'"' * 100_000 + b"a", id="only-quotes"),
        pytest.param(b"A: " * 100_000, id="colons"),
        pytest.param(b"Ab Cd: " * 100_000, id="turns"),
        pytest.param(b"MOSCOW, March 4 " * 60_000, id="datelines"),
        pytest.param(b"A, " * 300_000, id="commas"),
        pytest.param(b"Mr. " * 250_000, id="abbreviations"),
        pytest.param(b"TASS Kremlin reports " * 40_000, id="sources"),
        pytest.param(b"X meets Y in the city 1 February 2024 " * 20_000, id="captions"),
        pytest.param(b"a\n" * 200_000, id="many-lines"),
        pytest.param(b"A" + b" " * (1024 * 1024) + b"B", id="spaces"),
    ],
)
def test_hostile_input_is_bounded(data: bytes) -> None:
    started = time.perf_counter()
    try:
        document = read_bytes("hostile.txt", data)
    except ReadError:
        pass
    else:
        assert "\r" not in document.text
    assert time.perf_counter() - started < 2.0

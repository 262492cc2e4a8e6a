"""The reader on the seed articles: metadata, clean text, paragraphs, titles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from pathlib import Path

import pytest

from webapp.ingest.read.reader import TITLE_MAX
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

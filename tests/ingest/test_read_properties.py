"""Properties of the reader that hold for any input, checked with Hypothesis."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from webapp.ingest.read.reader import ReadError
from webapp.ingest.read.reader import read_bytes
from webapp.ingest.records import Document

SEEDS = Path(__file__).resolve().parents[2] / "seed_data" / "articles"
SEED_LINES = sorted(
    {line for path in SEEDS.glob("*.txt") for line in path.read_text().splitlines() if line}
)
TRICKY_LINES = [
    "All news",
    "33 просмотров",
    "Предыдущая новость Следующая новость",
    "Subscribe to Big Asia Newsletters",
    " date 2024-03-04 Talks began.",
    " date 2024-02-30",
    "03.02.2023 ТАСС 33 просмотров",
    "31.02.2023 TASS",
    "MOSCOW, March 4. /TASS/.",
    "ASTANA. KAZINFORM –",
    "RUSSIA, February 1 -",
    "Alihan Smailov: Mr Mishustin, colleagues.",
    '"""',
    "…",
    "\ufeff",
    "\x0c",
    "\u2028",
]

lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(TRICKY_LINES),
    st.text(max_size=80),
)
articles = st.tuples(
    st.lists(lines, max_size=12),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r"]),
).map(lambda parts: parts[1].join(parts[0]))


def _check(data: bytes) -> Document | None:
    try:
        document = read_bytes("any.txt", data)
    except ReadError as error:
        assert error.file == "any.txt"
        assert error.reason
        assert str(error) == f"any.txt: {error.reason}"
        return None
    assert isinstance(document, Document)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.text
    assert "\r" not in document.text
    assert "\n\n\n" not in document.text
    for paragraph in document.text.split("\n\n"):
        assert paragraph
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
    return document


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes) -> None:
    _check(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_utf8_text_gives_a_document_or_a_read_error(text: str) -> None:
    _check(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(articles)
def test_article_like_text_keeps_every_character_of_a_kept_line(text: str) -> None:
    document = _check(text.encode("utf-8"))
    if document is None:
        return
    normalised = document.raw_text.replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in document.text.split("\n\n"):
        assert paragraph in normalised
    for field in (document.title, document.subtitle):
        assert field is None or "\n" not in field


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=12))
def test_line_endings_do_not_change_what_is_read(parts: list[str]) -> None:
    if any("\r" in part or "\n" in part for part in parts):
        return
    results = []
    for ending in ("\n", "\r\n", "\r"):
        try:
            document = read_bytes("any.txt", ending.join(parts).encode("utf-8"))
        except ReadError as error:
            results.append(error.reason.split(" (")[0])  # offsets move with the endings
        else:
            results.append((document.text, document.title, document.subtitle, document.published))
    assert results[0] == results[1] == results[2]

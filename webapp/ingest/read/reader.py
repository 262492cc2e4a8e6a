"""Read one article file into a :class:`Document`: the first, pure stage of ingest.

A file that is not an article (empty, binary, not UTF-8, too large, nothing left
once the site's frame is removed) raises :class:`ReadError`, which names the file
and the reason, so that a seeding run can report it and go on with the others.

Every line of the file is one paragraph. The clean text joins the paragraphs that
remain once the site's frame, the byline, the title and the subtitle are taken
out, with one blank line between them. Lines are stripped at both ends and
otherwise left alone, so quote marks and dashes survive exactly. The dateline
stays in the text: it is part of the article's first sentence.

Hostile input costs linear time: patterns are anchored or begin with a literal,
every repetition is bounded, and scans of a paragraph look at a bounded prefix.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import pathlib
import re
import stat
from datetime import date
from typing import NamedTuple

from webapp.ingest.dates import valid_date
from webapp.ingest.gazetteer import city_name
from webapp.ingest.read.chrome import CAPTION_MARKERS
from webapp.ingest.read.chrome import GOVERNMENT_CHROME
from webapp.ingest.read.chrome import LINE_CHROME
from webapp.ingest.read.chrome import SHORT_LINE
from webapp.ingest.read.chrome import SOURCE_IN_LINE
from webapp.ingest.read.chrome import SOURCE_REPORTS
from webapp.ingest.read.chrome import source_named
from webapp.ingest.read.datelines import AUTHOR
from webapp.ingest.read.datelines import CAPTION_DATE
from webapp.ingest.read.datelines import CAPTION_DATE_END
from webapp.ingest.read.datelines import HEADER
from webapp.ingest.read.datelines import Dateline
from webapp.ingest.read.datelines import author_date
from webapp.ingest.read.datelines import match_byline
from webapp.ingest.read.datelines import match_dateline
from webapp.ingest.read.datelines import place_at_end
from webapp.ingest.read.titles import TITLE_MAX as TITLE_MAX
from webapp.ingest.read.titles import first_sentence
from webapp.ingest.read.titles import trim_title
from webapp.ingest.records import Document

MAX_BYTES = 2 * 1024 * 1024

#: a file is binary when more than this share of its characters are controls
CONTROL_SHARE = 0.1
#: lines at the top in which a title, a subtitle, a byline or a dateline may stand
HEAD_LINES = 4
#: a line longer than this is a paragraph, whatever its last character
HEAD_LINE_MAX = 300
#: the dateline is sought at the start of this many body paragraphs
DATELINE_PARAGRAPHS = 3
#: "X reports" is sought in this many characters at the start of the body
SOURCE_SCAN = 2000

_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_LINE_CHROME = re.compile("|".join(f"(?:{p.pattern})" for p in LINE_CHROME))
_TRANSCRIPT_TURN = re.compile(r"[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30}){1,3}: \S")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CLOSERS = "\"'”’»)]"


class ReadError(ValueError):
    """A file that is not a readable article; ``str()`` names it and says why."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.file, self.reason))


def read_path(path: pathlib.Path) -> Document:
    """Read a file; refuse a symbolic link or an over-size file before reading it."""
    name = path.name
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise ReadError(name, "symbolic link (not followed)")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(name, "not a regular file")
        if info.st_size > MAX_BYTES:
            raise ReadError(name, _too_large(info.st_size))
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        with open(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadError(name, "not a regular file")
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(name, f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(name, data)


def read_bytes(name: str, data: bytes) -> Document:
    """Read one article's bytes; ``name`` is the file name reported in errors and stored."""
    raw_text = _decode(name, data)
    lines, caption_title = _remove_chrome(_lines(raw_text))
    published: date | None = None
    date_from: str | None = None
    notes: list[str] = []

    header_rest = ""
    if lines and (header := HEADER.match(lines[0])):
        published = valid_date(int(header[1]), int(header[2]), int(header[3]))
        if published is None:
            notes.append(f"header date {header[0][-10:]} is not a valid date")
        else:
            date_from = "header"
        header_rest = lines[0][header.end() :].lstrip()
        lines = [header_rest, *lines[1:]] if header_rest else lines[1:]

    lines, byline = _take_byline(lines)
    byline_at, byline_date = byline.at, byline.when
    if byline_date is not None and published is None:
        published, date_from = byline_date, "byline"
    lines = _remove_foreign_script(lines)
    if not lines:
        raise ReadError(name, "no body text after removing site chrome")

    start = 0 if header_rest else _body_start(lines, byline_at)
    head, body = lines[:start], lines[start:]
    dateline = match_dateline(body[0], undated=True) or next(
        filter(None, map(match_dateline, body[1:DATELINE_PARAGRAPHS])), None
    )
    if dateline is not None and dateline.month and dateline.day:
        if dateline.year is not None and published is None:
            published = valid_date(dateline.year, dateline.month, dateline.day)
            date_from = "dateline"
        notes.extend(_dateline_notes(dateline.month, dateline.day, published, date_from))

    title = head[0] if head else None
    if title is None and caption_title is not None:
        title = caption_title
        notes.append("title taken from the photo caption")
    if title is None and (title := _title_from_body(body, dateline)) is not None:
        notes.append("title taken from the first sentence")

    return Document(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=raw_text,
        text="\n\n".join(body),
        title=title,
        subtitle=head[1] if len(head) > 1 else None,
        published=published,
        date_from=date_from,
        dateline_month_day=_month_day(dateline),
        dateline_place=dateline.place if dateline else byline.place,
        source=_source(raw_text, body, dateline, byline.source),
        notes=tuple(notes),
    )


def _too_large(size: int) -> str:
    return f"too large ({size} bytes; the limit is {MAX_BYTES})"


def _decode(name: str, data: bytes) -> str:
    """Return the text without a byte-order mark, or refuse what is not UTF-8 text."""
    size = len(data)
    if size == 0:
        raise ReadError(name, "empty file")
    if size > MAX_BYTES:
        raise ReadError(name, _too_large(size))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(name, "not UTF-8 (UTF-16 or UTF-32 byte-order mark)")
    if (nul := data.find(b"\x00")) >= 0:
        raise ReadError(name, f"binary (NUL byte at offset {nul})")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        reason = f"not UTF-8 (invalid byte 0x{data[offset]:02x} at offset {offset})"
        raise ReadError(name, reason) from None
    controls = size - len(data.translate(None, _CONTROL_BYTES))
    length = len(text) - text.count("\r") - text.count("\n")
    if controls > length * CONTROL_SHARE:
        raise ReadError(name, f"binary ({controls} control characters in {length})")
    if not text.strip():
        raise ReadError(name, "empty (whitespace only)" if text else "empty (only a BOM)")
    return text


def _lines(text: str) -> list[str]:
    """Non-empty lines, stripped at both ends; CRLF and a lone CR both end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def _remove_chrome(lines: list[str]) -> tuple[list[str], str | None]:
    """Drop the site's frame; return the rest and the headline a caption repeats."""
    kept = []
    caption_title = None
    for line in lines:
        if not _LETTER_OR_DIGIT.search(line):
            continue
        lowered = line.lower()
        if len(line) <= SHORT_LINE and _LINE_CHROME.fullmatch(lowered):
            continue
        if _is_gallery(line, lowered):
            caption_title = caption_title or _caption_title(line, lowered)
            continue
        if len(line) <= SHORT_LINE and _is_dated_caption(line):
            continue
        kept.append(line)
    return kept, caption_title


def _is_dated_caption(line: str) -> bool:
    """A photo caption that ends with its date, like ``X before the talks, 1 May 2024``."""
    return (
        not _ends_sentence(line)
        and (date_at := CAPTION_DATE_END.search(line)) is not None
        and line.count(" ", 0, date_at.start()) >= 2
    )


def _is_gallery(line: str, lowered: str) -> bool:
    """A gallery strip: a navigation mark in the line, or a repeated dated caption.

    government.ru's photo strip flattens into one line that repeats its caption
    and its date around "Предыдущая новость Следующая новость"; it ends without
    sentence punctuation, which a paragraph of the article would have.
    """
    if any(marker.search(lowered) for marker in CAPTION_MARKERS):
        return True
    if _ends_sentence(line) or not CAPTION_DATE.search(line):
        return False
    words = line.split(" ", 5)
    if len(words) < 6:
        return False
    prefix = " ".join(words[:5])
    return line.find(prefix, len(prefix)) > 0


def _caption_title(line: str, lowered: str) -> str | None:
    """The caption before its date, or after the navigation mark: the headline."""
    candidate = ""
    if (dated := CAPTION_DATE.search(line, 0, SHORT_LINE + 30)) is not None:
        candidate = line[: dated.start()]
    elif len(lowered) == len(line):
        ends = [m.end() for p in CAPTION_MARKERS if (m := p.search(lowered))]
        candidate = line[min(ends) :] if ends else ""
    candidate = candidate.strip()
    if 0 < len(candidate) <= SHORT_LINE and _LETTER_OR_DIGIT.search(candidate):
        return candidate
    return None


class _Byline(NamedTuple):
    at: int | None = None  # where the byline stood among the other lines
    when: date | None = None
    source: str | None = None
    place: str | None = None  # a city ending a date line ("…, 15:00. Government House, Moscow")


def _take_byline(lines: list[str]) -> tuple[list[str], _Byline]:
    """Take out the byline: date lines and author lines among the first lines."""
    kept: list[str] = []
    found = _Byline()
    for index, line in enumerate(lines):
        byline: tuple[date | None, str] | None = None
        if index < HEAD_LINES and len(line) <= SHORT_LINE and not _ends_sentence(line):
            byline = match_byline(line)
            if byline is None and index > 0 and AUTHOR.fullmatch(line):
                byline = (author_date(line), line)
        if byline is None:
            kept.append(line)
            continue
        named = SOURCE_IN_LINE.search(byline[1])
        place = place_at_end(byline[1]) if byline[0] is not None else None
        found = _Byline(
            len(kept) if found.at is None else found.at,
            found.when or byline[0],
            found.source or (source_named(named[0]) if named else None),
            found.place or (city_name(place) if place else None),
        )
    return kept, found


def _remove_foreign_script(lines: list[str]) -> list[str]:
    """In an English article, drop lines in Cyrillic only: the site's Russian frame."""
    latin = cyrillic = 0
    marks = []
    for line in lines:
        has_latin = _LATIN.search(line) is not None
        only_cyrillic = not has_latin and _CYRILLIC.search(line) is not None
        marks.append(only_cyrillic)
        if has_latin:
            latin += len(line)
        elif only_cyrillic:
            cyrillic += len(line)
    if latin <= cyrillic:
        return lines
    return [line for line, drop in zip(lines, marks, strict=True) if not drop]


def _body_start(lines: list[str], byline_at: int | None) -> int:
    """How many lines at the top are the title and subtitle: zero, one or two.

    The body starts at a dateline, after a byline, or at the first line that
    reads as a paragraph. At least one line is always left for the body.
    """
    window = range(min(HEAD_LINES, len(lines) - 1) + 1)
    for index in window:
        if match_dateline(lines[index]) is not None:
            return min(index, 2)
    for index in window:
        line = lines[index]
        if index == byline_at or len(line) > HEAD_LINE_MAX or _ends_sentence(line):
            return min(index, 2)
    return 1 if len(lines) > 1 else 0


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _dateline_notes(
    month: int, day: int, published: date | None, date_from: str | None
) -> list[str]:
    if published is None:
        return ["dateline has no year"]
    if (month, day) == (published.month, published.day):
        return []
    return [
        f"dateline date {month:02d}-{day:02d}"
        f" differs from the {date_from} date {published.isoformat()}"
    ]


def _month_day(dateline: Dateline | None) -> tuple[int, int] | None:
    if dateline is None or dateline.year is not None:
        return None
    if dateline.month is None or dateline.day is None:
        return None
    return (dateline.month, dateline.day)


def _source(
    text: str, body: list[str], dateline: Dateline | None, byline_source: str | None
) -> str | None:
    """The news source, from the most explicit marker found.

    A dateline's agency comes first, then the byline, then "X reports" near the
    start of the body, then government.ru's frame together with transcript turns.
    An agency in a dateline that is not in ``SOURCES`` is kept as written.
    """
    if dateline is not None and dateline.agency is not None:
        known = source_named(dateline.agency)
        return known or (dateline.agency if dateline.agency[0].isupper() else None)
    if byline_source is not None:
        return byline_source
    opening = "\n\n".join(body[:2])[:SOURCE_SCAN]
    if (reports := SOURCE_REPORTS.search(opening)) is not None:
        return source_named(reports["name"])
    lowered = text.lower()
    if any(p.search(lowered) for p in GOVERNMENT_CHROME) and any(
        _TRANSCRIPT_TURN.match(paragraph) for paragraph in body
    ):
        return "Government of Russia"
    return None


def _title_from_body(body: list[str], dateline: Dateline | None) -> str | None:
    for paragraph in body[:2]:
        if dateline is not None and match_dateline(paragraph) == dateline:
            paragraph = paragraph[dateline.end :].lstrip(" -—–")
        sentence = first_sentence(paragraph)
        if _LETTER_OR_DIGIT.search(sentence):
            return trim_title(sentence)
    return None

"""Read one article file into a :class:`Document`: the first, pure stage of ingest.

A file that is not an article (empty, binary, not UTF-8, too large, nothing left
once the site's frame is removed) raises :class:`ReadError`, which names the file
and the reason, so that a seeding run can report it and go on with the others.

Every line of the file is one paragraph. The clean text joins the paragraphs that
remain once the site's frame, the byline, the title and the subtitle are taken
out (``head``), with one blank line between them. Lines are stripped at both ends and
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
from urllib.parse import urlsplit

from webapp.ingest.dates import WrittenDate
from webapp.ingest.dates import valid_date
from webapp.ingest.read import head
from webapp.ingest.read.bylines import HEADER
from webapp.ingest.read.datelines import Dateline
from webapp.ingest.read.datelines import agency_tag
from webapp.ingest.read.datelines import match_dateline
from webapp.ingest.read.given import Given
from webapp.ingest.read.given import GivenError
from webapp.ingest.read.given import split_front_matter
from webapp.ingest.read.outlets import Outlets
from webapp.ingest.read.outlets import outlets
from webapp.ingest.read.sites import address_date
from webapp.ingest.read.sources import source
from webapp.ingest.read.titles import TITLE_MAX as TITLE_MAX
from webapp.ingest.read.titles import first_sentence
from webapp.ingest.read.titles import trim_title
from webapp.ingest.records import Document

MAX_BYTES = 2 * 1024 * 1024

#: a file is binary when more than this share of its characters are controls
CONTROL_SHARE = 0.1
#: the dateline is sought at the start of this many body paragraphs
DATELINE_PARAGRAPHS = 3
#: a wire's full dateline (place, date and a known agency) is sought further, below a
#: site's own lines about the story it relays
WIRE_DATELINE_PARAGRAPHS = 10

_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


class ReadError(ValueError):
    """A file that is not a readable article; ``str()`` names it and says why."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return (type(self), (self.file, self.reason))


def read_path(path: pathlib.Path, given: Given | None = None) -> Document:
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
    return read_bytes(name, data, given)


def read_bytes(name: str, data: bytes, given: Given | None = None) -> Document:
    """Read one article's bytes; ``name`` is the file name reported in errors and stored.

    ``given`` is what the operator says of the file (a manifest row); it wins over
    the file's front matter, which wins over what is read from the text.
    """
    raw_text = _decode(name, data)
    try:
        front, text = split_front_matter(raw_text)
    except GivenError as error:
        raise ReadError(name, str(error)) from None
    meta = (given or Given()).over(front)
    table = outlets()
    lines = _lines(text)
    published: date | None = None
    date_from: str | None = None
    notes: list[str] = []

    if lines and (header := HEADER.match(lines[0])):
        published = valid_date(int(header[1]), int(header[2]), int(header[3]))
        if published is None:
            notes.append(f"header date {header[0][-10:]} is not a valid date")
        else:
            date_from = "header"
        rest = lines[0][header.end() :].lstrip()
        lines = [rest, *lines[1:]] if rest else lines[1:]

    lines, frame = head.remove_frame(lines, table)
    lines, byline = head.take_byline(lines, table)
    if byline.date is not None and published is None and byline.date.year is not None:
        published, date_from = byline.date.on(), "byline"
    lines = _remove_foreign_script(lines)
    if not lines:
        raise ReadError(name, "no body text after removing site chrome")

    start = head.body_start(lines, byline.at)
    heading, body = lines[:start], lines[start:]
    if len(heading) == 2 and _is_rubric(heading[0], heading[1]):
        heading = heading[1:]
    dateline = (
        match_dateline(body[0], undated=True, outlets=table)
        or next(
            filter(None, (match_dateline(p, outlets=table) for p in body[1:DATELINE_PARAGRAPHS])),
            None,
        )
        or next(filter(None, (agency_tag(p, table) for p in body[1:DATELINE_PARAGRAPHS])), None)
        or _wire_dateline_below(body, table)
    )
    month_day = _month_day(dateline, byline)
    if dateline is not None and dateline.month and dateline.day:
        if dateline.year is not None and published is None:
            published = valid_date(dateline.year, dateline.month, dateline.day)
            date_from = "dateline"
        if date_from == "byline" and (other := _dated_as(dateline, byline.dates)) is not None:
            published = other  # the site's clock stood above the article's own date line
        notes.extend(_dateline_notes(dateline.month, dateline.day, published, date_from))
    elif month_day is not None and published is None:
        notes.append("date line has no year")
    if published is None:
        # the page's address, printed in its frame or given: "…/news/2022/03/11/…"
        given_day = address_date(meta.url) if meta.url is not None else None
        if (day := frame.address_date or given_day) is not None:
            published, date_from = day, "address"
            notes.append("date taken from the page's address")

    title = heading[0] if heading else None
    if title is None and frame.caption_title is not None:
        title = frame.caption_title
        notes.append("title taken from the photo caption")
    if title is None and (title := _title_from_body(body, dateline)) is not None:
        notes.append("title taken from the first sentence")

    site_named = None
    if title is not None and (dated := _DATE_SUFFIX.search(title)) is not None:
        title = title[: dated.start()]  # "Tokayev meets Putin in Astana | 03.07.2024"
    if title is not None and (split := _site_suffix(title, table)) is not None:
        title, site_named = split  # "Leaders meet in Tashkent | Kazinform"
    sites = [*frame.sites, site_named] if site_named else frame.sites
    found_source = source(table, raw_text, body, dateline, byline.source, sites)
    if meta.url is not None and found_source is None:
        host = table.domain(urlsplit(meta.url).hostname or "")
        found_source = host.name if host is not None else None
    if meta.published is not None:
        published, date_from = meta.published, "given"
    return Document(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        raw_text=raw_text,
        text="\n\n".join(body),
        title=meta.title or title,
        subtitle=heading[1] if len(heading) > 1 else None,
        published=published,
        date_from=date_from,
        dateline_month_day=month_day,
        dateline_place=dateline.place if dateline else byline.place,
        source=meta.source or found_source,
        url=meta.url,
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


#: a date after a bar at the end of a headline is the site's, not the headline's
_DATE_SUFFIX = re.compile(
    r"\s\|\s(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:\s\d{1,2}:\d{2})?$"
)
_SUFFIX = re.compile(r"\s(?P<separator>\||-|–|—|::)\s(?P<site>[^|–—]{2,60})$")


def _site_suffix(title: str, table: Outlets) -> tuple[str, str] | None:
    """A page title that ends with the site's name: the headline, and the outlet.

    A government body after a dash is the headline's attribution, the way agencies
    write who said it ("Putin, Turkmen leader discuss ties in phone call — Kremlin"),
    not the site's name; after a bar it is the site ("… | Kremlin").
    """
    match = _SUFFIX.search(title)
    if match is None:
        return None
    site = match["site"].strip()
    outlet = table.named(site) or table.site(site) or table.named(site.removeprefix("The "))
    if outlet is None or len(title[: match.start()].split()) < 3:
        return None
    if outlet.relays and match["separator"] in "-–—":
        return None
    return title[: match.start()].rstrip(), outlet.name


def _is_rubric(line: str, below: str) -> bool:
    """A one-word section label above the headline ("President", "Politics")."""
    return len(line.split()) == 1 and len(below.split()) >= 3


def _wire_dateline_below(body: list[str], table: Outlets) -> Dateline | None:
    """A wire story's dateline below the relaying site's lines: "MOSCOW, July 25. /TASS/." under
    an agency-copy page's rubric, headline and date; its place, day and agency all given."""
    for paragraph in body[DATELINE_PARAGRAPHS:WIRE_DATELINE_PARAGRAPHS]:
        found = match_dateline(paragraph, outlets=table)
        if (
            found is not None
            and found.place is not None
            and found.day is not None
            and found.agency is not None
            and table.named(found.agency) is not None
        ):
            return found
    return None


def _dated_as(dateline: Dateline, dates: list[WrittenDate]) -> date | None:
    """The head's date line that agrees with the dateline's day, when the first one does not."""
    if dates and (dates[0].month, dates[0].day) == (dateline.month, dateline.day):
        return None
    for found in dates[1:]:
        if found.year is not None and (found.month, found.day) == (dateline.month, dateline.day):
            return found.on()
    return None


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


def _month_day(dateline: Dateline | None, byline: head.Byline) -> tuple[int, int] | None:
    """A day and month without a year, from the dateline or else a date line."""
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        return None if dateline.year is not None else (dateline.month, dateline.day)
    if byline.date is not None and byline.date.year is None:
        return (byline.date.month, byline.date.day)
    return None


def _title_from_body(body: list[str], dateline: Dateline | None) -> str | None:
    for paragraph in body[:2]:
        if (
            dateline is not None
            and match_dateline(paragraph, undated=True, outlets=outlets()) == dateline
        ):
            paragraph = paragraph[dateline.end :].lstrip(" -—–")
        sentence = first_sentence(paragraph)
        if _LETTER_OR_DIGIT.search(sentence):
            return trim_title(sentence)
    return None

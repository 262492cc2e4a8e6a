"""The head of a page: its frame taken out, then the title, subtitle, byline and body start.

Lines arrive stripped and non-empty, one paragraph each. The frame goes first
(``frame``: anywhere on the page, and above the title), then the byline (date
lines, outlet lines and author lines among the first lines), then the title
is the first headline-like line that is left, the subtitle a standfirst
between it and the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from webapp.ingest.dates import WrittenDate
from webapp.ingest.dates import written_dates
from webapp.ingest.gazetteer import city_name
from webapp.ingest.gazetteer import country_named
from webapp.ingest.read.bylines import AUTHOR
from webapp.ingest.read.bylines import CAPTION_DATE
from webapp.ingest.read.bylines import CAPTION_DATE_END
from webapp.ingest.read.bylines import author_date
from webapp.ingest.read.bylines import date_line
from webapp.ingest.read.bylines import outlet_line
from webapp.ingest.read.bylines import place_at_end
from webapp.ingest.read.datelines import match_dateline
from webapp.ingest.read.frame import CAPTION_MARKERS
from webapp.ingest.read.frame import DISTRIBUTION_LINE
from webapp.ingest.read.frame import ISSUER_WORDS
from webapp.ingest.read.frame import SHORT_LINE
from webapp.ingest.read.frame import is_frame
from webapp.ingest.read.frame import is_gallery_strip
from webapp.ingest.read.frame import is_head_frame
from webapp.ingest.read.outlets import Outlets
from webapp.ingest.read.sites import outlet_in
from webapp.ingest.read.sites import page_address
from webapp.ingest.read.sites import printed_address_date
from webapp.ingest.read.sites import site_address
from webapp.ingest.read.sites import site_named
from webapp.ingest.text import lead_without_stop

#: lines at the top in which a title, a subtitle, a byline or a dateline may stand
HEAD_LINES = 4
#: the frame above a title is sought this far down, in lines of at most so many words;
#: it is long when it runs this many lines
FRAME_SCAN = 80
FRAME_LINE_WORDS = 8
LONG_FRAME = 6
#: a title printed twice is sought among this many lines at the top
REPEAT_WINDOW = 8
#: a site's menu above the title may run this many lines ("• Events", "• Structure", …)
HEAD_FRAME_LINES = 40
#: a line that is only a date is taken for the publication date this far down
DATE_LINES = 12
#: a line longer than this is a paragraph, whatever its last character
HEAD_LINE_MAX = 300
#: a title has at most this many words; a longer line is a paragraph
TITLE_WORDS = 40

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_CLOSERS = "\"'”’»)]"
#: an author line's outlet: after a comma or a dash ("By Diana Aliyeva – Trend:", as
#: Trend signs its stories), or the outlet's staff: "By Reuters Staff"
_AUTHOR_OF = re.compile(
    r"(?:,|\s[-–—])\s(?P<outlet>[^,|:]{2,50}?)\s*:?\s*$"
    r"|^(?:By|Written\sby)\s(?P<staff>[^,|]{2,40}?)\s(?:Staff|Correspondent|Reporter)s?\b"
)


@dataclass(slots=True)
class Frame:
    """What the frame said about the page: its headline in a caption, its site."""

    caption_title: str | None = None
    #: outlets named by site-name lines of the frame ("Official website of …")
    sites: list[str] = field(default_factory=list)
    #: the day in the page's own address printed in the frame ("…/20220915/putin-…")
    address_date: date | None = None


@dataclass(slots=True)
class Byline:
    at: int | None = None  # where the byline stood among the other lines
    date: WrittenDate | None = None
    source: str | None = None
    place: str | None = None  # a city ending a date line ("…, 15:00. Government House, Moscow")
    #: every date line of the head, in order: the first is ``date`` unless another was given
    dates: list[WrittenDate] = field(default_factory=list)


def remove_frame(lines: list[str], table: Outlets) -> tuple[list[str], Frame]:
    """Drop the frame everywhere, and above the title; say what it named."""
    kept: list[str] = []
    doubled: set[str] = set()  # lines printed twice in a row
    frame = Frame()
    for line in lines:
        if not _LETTER_OR_DIGIT.search(line):
            continue
        site = table.site(line.strip(" •·▪-–"))
        if site is not None:
            frame.sites.append(site.name)
            continue
        if frame.address_date is None:
            frame.address_date = printed_address_date(line)
        if (own := page_address(line, table)) is not None:
            frame.sites.append(own)
            continue
        if is_frame(line):
            if _issued_by(line, kept):
                kept.pop()  # the issuer's name above a press-release wire's distribution line
            if (named := site_named(line, table) or site_address(line, table)) is not None:
                frame.sites.append(named)
            continue
        lowered = line.lower()
        if _is_gallery(line, lowered):
            frame.caption_title = frame.caption_title or _caption_title(line, lowered)
            continue
        if len(line) <= SHORT_LINE and _is_dated_caption(line):
            continue
        if kept and line.casefold() == kept[-1].casefold():
            doubled.add(kept[-1])
            continue  # a headline printed twice, perhaps in another case ("In" / "in")
        kept.append(line)
    kept = _title_after_long_frame(_title_printed_twice(kept, doubled))
    top = 0
    while top < len(kept) - 1 and is_head_frame(kept[top]) and _headline_after(kept, top + 1):
        top += 1
    dates = [line for line in kept[:top] if _only_a_date(line)]
    if dates and top < len(kept):
        # "12.03.2024 14:05" above the title is the page's date: under the title, the byline's
        return [kept[top], dates[0], *kept[top + 1 :]], frame
    return kept[top:], frame


def _only_a_date(line: str) -> bool:
    """A line that is a date with its year, perhaps with a time: "12.03.2024 14:05"."""
    dated = date_line(line)
    return dated is not None and not dated.words and dated.date.year is not None


def _issued_by(line: str, kept: list[str]) -> bool:
    """A distribution line of a press-release wire, under the issuer's short line."""
    return (
        len(kept) == 1
        and DISTRIBUTION_LINE.fullmatch(line.lower()) is not None
        and len(kept[0].split()) <= ISSUER_WORDS
        and not ends_sentence(kept[0])
    )


def _title_after_long_frame(lines: list[str]) -> list[str]:
    """Under a long frame of short lines, the title is the last headline before the text.

    kremlin.ru prints menus, channels and legal links, then "Conversation with …",
    a one-sentence lead and the date line. With fewer than ``LONG_FRAME`` short
    lines at the top there is no frame to find, and nothing changes.
    """
    first = next(
        (index for index, line in enumerate(lines[:FRAME_SCAN]) if not _all_frame_like([line])),
        None,
    )
    if first is None or first < LONG_FRAME:
        return lines
    for index in range(first - 1, -1, -1):
        line = lines[index]
        if len(line.split()) >= 3 and headline_like(line) and date_line(line) is None:
            if not is_head_frame(line):
                return lines[index:]
    return lines


def _title_printed_twice(lines: list[str], doubled: set[str]) -> list[str]:
    """A headline printed twice near the top is the title: what stands before it is frame.

    Sites print the headline in the page's header and again above the text,
    with a tag strip or a date between ("Ilham Aliyev WUF13 …", title, "Region",
    "12 January, 2026", title), or twice in a row (``doubled``) under a ticker.
    """
    for index, line in enumerate(lines[:REPEAT_WINDOW]):
        if not headline_like(line) or len(line.split()) < 3:
            continue
        if line in doubled and index > 0 and _all_frame_like(lines[:index]):
            dates = [above for above in lines[:index] if date_line(above) is not None]
            return [*dates, *lines[index:]]  # "01.02.2024, 17:30 94866" above stays the byline
        later = [other.casefold() for other in lines[index + 1 : index + REPEAT_WINDOW]]
        if line.casefold() in later and _all_frame_like(lines[:index]):
            again = index + 1 + later.index(line.casefold())
            return [line, *lines[index + 1 : again], *lines[again + 1 :]]
    return lines


def _all_frame_like(lines: list[str]) -> bool:
    """Short lines that do not end like sentences: what a site prints above its title."""
    return all(len(line.split()) <= FRAME_LINE_WORDS and not ends_sentence(line) for line in lines)


def _headline_after(lines: list[str], start: int) -> bool:
    """Whether a line of three words or more that can be a title comes before the body."""
    for line in lines[start : start + HEAD_FRAME_LINES]:
        if _is_dateline(line) or not headline_like(line):
            return False
        if len(line.split()) >= 3 and not is_head_frame(line) and date_line(line) is None:
            return True
    return False


#: a date line that only adds the site's section: "2017-09-09 | Politics"
_SECTION_AFTER = re.compile(r"\s?[|/]\s?[A-Z][a-z]{2,20}(?: [a-z]{2,12})?")


def take_byline(lines: list[str], table: Outlets) -> tuple[list[str], Byline]:
    """Take out the byline: date lines, outlet lines and author lines among the first lines.

    A line that is only a date, or a date and the site's section ("2017-09-09 |
    Politics"), dates the page even below a long frame.
    """
    kept: list[str] = []
    found = Byline()
    for index, line in enumerate(lines):
        if index >= HEAD_LINES and index < DATE_LINES and found.date is None:
            if (alone := date_line(line)) is not None and (
                not alone.words or _SECTION_AFTER.fullmatch(alone.rest)
            ):
                found.date = alone.date  # a line that is only a date: "• Monday, 16 September 2024"
                found.dates.append(alone.date)
                continue
        if index >= HEAD_LINES or len(line) > SHORT_LINE or _is_dateline(line):
            kept.append(line)
            continue
        leading = _leading_dates(line) if index < 2 else None
        if leading is not None:
            found.date = found.date or leading[0]
            line = leading[1]  # "09/02/2024 September 2, 2024 Russian President Putin arrives …"
            kept.append(line)
            continue
        dated = date_line(line)
        outlet = outlet_line(line, table.spelling_pattern) if dated is None else None
        author = (
            dated is None
            and outlet is None
            and (index > 0 or line.startswith(("Written by", "By ")))
            and AUTHOR.fullmatch(line)
        )
        if dated is None and outlet is None and not author:
            kept.append(line)
            continue
        if found.at is None and kept:  # a date line above the title does not end the head
            found.at = len(kept)
        if dated is not None:
            found.date = found.date or dated.date
            found.dates.append(dated.date)
            found.source = found.source or outlet_in(dated.rest, table)
            found.place = found.place or _city_at_end(dated.rest)
        elif outlet is not None:
            found.source = found.source or table.named(outlet).name
        else:
            if (when := author_date(line)) is not None and found.date is None:
                found.date = WrittenDate(0, 0, when.year, when.month, when.day)
            # the outlet the author writes for: "By Reuters Staff", "By Staff Writer, The
            # Times of Central Asia", "By Aigerim Sadykova, The Astana Times"
            if found.source is None and (staff := _author_outlet(line, table)) is not None:
                found.source = staff
    return kept, found


def _author_outlet(line: str, table: Outlets) -> str | None:
    after = _AUTHOR_OF.search(line)
    if after is None:
        return None
    words = (after["outlet"] or after["staff"]).strip()
    outlet = table.named(words) or table.named(words.removeprefix("The "))
    return outlet.name if outlet is not None and not outlet.relays else None


def _leading_dates(line: str) -> tuple[WrittenDate, str] | None:
    """Dates printed before a headline on its line: the first date and the headline."""
    dates = written_dates(line, 0, min(len(line), 60))
    if not dates or dates[0].start != 0 or date_line(line) is not None:
        return None
    end = 0
    for found in dates:
        if line[end : found.start].strip(" ,|-–—"):
            break
        end = found.end
    rest = line[end:].strip(" ,|-–—")
    if len(rest.split()) < 3 or not headline_like(rest) or date_line(rest) is not None:
        return None
    with_year = next((found for found in dates if found.year is not None), dates[0])
    return with_year, rest


def body_start(lines: list[str], byline_at: int | None) -> int:
    """How many lines at the top are the title and subtitle: zero, one or two.

    The body starts at a dateline, after a byline, or at the first line that
    reads as a paragraph. At least one line is always left for the body.
    """
    window = range(min(HEAD_LINES, len(lines) - 1) + 1)
    for index in window:
        if _is_dateline(lines[index]):
            return min(index, 2)
    for index in window:
        line = lines[index]
        if index == byline_at or not headline_like(line):
            return min(index, 2)
    return 1 if len(lines) > 1 else 0


def headline_like(line: str) -> bool:
    """A line that can be a title: not too long, and not ending like a sentence.

    Nor like a salutation that opens a speech: "Ladies and gentlemen," leads into the text.
    """
    return (
        len(line) <= HEAD_LINE_MAX
        and len(line.split()) <= TITLE_WORDS
        and not ends_sentence(line)
        and not line.rstrip().endswith(",")
        and not lead_without_stop(line)
    )


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _city_at_end(rest: str) -> str | None:
    """The city ending a date line: "…, 15:00. Government House, Moscow"; before its
    country when the line ends with one: "January 23, 2009, Tashkent, Uzbekistan"."""
    place = place_at_end(rest)
    if not place:
        return None
    city = city_name(place)
    if city is None and country_named(place) is not None:
        head = rest.strip(" ,.")[: -len(place)].rstrip(" ,")
        before = place_at_end(head)
        city = city_name(before) if before else None
    return city


def _is_dateline(line: str) -> bool:
    return match_dateline(line) is not None


def _is_dated_caption(line: str) -> bool:
    """A photo caption that ends with its date, like ``X before the talks, 1 May 2024``."""
    return (
        not ends_sentence(line)
        and (date_at := CAPTION_DATE_END.search(line)) is not None
        and line.count(" ", 0, date_at.start()) >= 2
    )


def _is_gallery(line: str, lowered: str) -> bool:
    """A gallery strip: a navigation mark in the line, or a repeated dated caption.

    government.ru's photo strip flattens into one line that repeats its caption
    and its date around "Предыдущая новость Следующая новость"; it ends without
    sentence punctuation, which a paragraph of the article would have.
    """
    if is_gallery_strip(lowered):
        return True
    if ends_sentence(line) or not CAPTION_DATE.search(line):
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

"""What belongs to a news site rather than to its article: frame lines and source names.

These are data for the reader: extend a tuple to teach it a new site. Patterns
are written in lower case and matched against the lower-cased line, which is
much faster than a case-insensitive search. Line patterns must match a whole
stripped line of at most ``SHORT_LINE`` characters; a caption marker is
searched for anywhere in a line, so it should begin with a literal word, which
lets the search skip ahead quickly. Every repetition is bounded.
"""

from __future__ import annotations

import re

#: lines longer than this are never taken for chrome, a title or a byline
SHORT_LINE = 200


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


#: whole lines that are navigation, counters, newsletter prompts, share buttons,
#: taglines
LINE_CHROME: tuple[re.Pattern[str], ...] = _patterns(
    r"all news|все новости|latest news|последние новости",
    r"\d[\d\s,.\u00a0]{0,12}\s(?:views?|просмотр(?:ов|а)?)",
    r"новости партн[её]ров|partner news|news from partners",
    r"(?:предыдущая|следующая) новость(?:\s(?:предыдущая|следующая) новость)?",
    r"(?:previous|next) (?:news|article|story)"
    r"(?:\s(?:previous|next) (?:news|article|story))?",
    r"subscribe to\s.{1,150}",
    r"subscribe and don['’]?t miss\b.{0,150}",
    r"(?:follow us|подписывайтесь)\b.{0,150}",
    r"opening asia for russia",
    r"(?:share|поделиться)(?:\s(?:on|this|via|article|news))?"
    r"(?:[\s:,|]{1,3}(?:facebook|twitter|x|telegram|vk|vkontakte|whatsapp|viber|ok"
    r"|email|e-mail|link)){0,12}",
    r"(?:read more|read also|also read|see also|related news|related articles"
    r"|more on this topic|читайте также|читать далее|по теме)\b.{0,150}",
    r"print|copy link|версия для печати|скопировать ссылку|advertisement|реклама",
    r"(?:photo|фото)\s?:.{0,150}",
    r"our standards:.{0,150}",
)

#: marks inside a line that make the whole line a gallery caption or a navigation strip
CAPTION_MARKERS: tuple[re.Pattern[str], ...] = _patterns(
    r"предыдущая новость\s{1,5}следующая новость",
    r"previous news\s{1,5}next news",
    r"previous article\s{1,5}next article",
)

#: the frame of government.ru; with transcript turns it marks the Government of Russia
GOVERNMENT_CHROME: tuple[re.Pattern[str], ...] = _patterns(
    r"предыдущая новость\s{1,5}следующая новость",
    r"previous news\s{1,5}next news",
)

#: a canonical source name, then the spellings that name it in a dateline, a byline
#: or "X reports"
SOURCES: tuple[tuple[str, str], ...] = (
    ("TASS", r"TASS|ТАСС"),
    ("Kazpravda.kz", r"Kazpravda(?:\.kz)?|Казправда"),
    ("Reuters", r"Reuters"),
    ("Xinhua", r"Xinhua"),
    ("Interfax", r"Interfax(?:-Kazakhstan)?|Интерфакс"),
    ("Kazinform", r"Kazinform|Казинформ"),
    ("RIA Novosti", r"RIA Novosti|РИА Новости"),
    ("Akorda", r"Akorda|Ақорда|Акорда"),
    ("Kremlin", r"(?:the )?Kremlin(?:\.ru)?|Кремль"),
    ("Government of Russia", r"government\.ru"),
)

_NAMES = tuple((name, re.compile(alias, re.IGNORECASE)) for name, alias in SOURCES)
_ANY_SOURCE = "|".join(alias for _, alias in SOURCES)
#: any spelling of a known source, as a whole word
SOURCE_IN_LINE = re.compile(rf"(?<!\w)(?:{_ANY_SOURCE})(?!\w)")
#: ``Kazpravda.kz reports``, ``the Kremlin reports``
SOURCE_REPORTS = re.compile(rf"(?<!\w)(?P<name>{_ANY_SOURCE}) reports\b")


def source_named(spelling: str) -> str | None:
    """The canonical name of a source spelled ``spelling`` (any case), if it is known."""
    return next((name for name, alias in _NAMES if alias.fullmatch(spelling)), None)

"""What belongs to a news site rather than to its article: the frame around the text.

A stored page keeps the site's frame: navigation and accessibility controls
("View settings", "Font size:", "Go to the main site", "Contact Us"), cookie
banners, share buttons, counters, tickers, photo credits, error codes and the
site's own name. Three kinds of rule find it, each for a general pattern:

* ``FRAME_LINES``: whole lines that are frame wherever they stand;
* ``CAPTION_MARKERS``: marks that make a whole line a gallery strip;
* :func:`is_head_frame`: what is frame only above the title: very short lines,
  labels ending in a colon, numbered or bulleted menu items, breadcrumbs.

Patterns are lower case and matched against the lower-cased, stripped line,
which must be at most ``SHORT_LINE`` characters; every repetition is bounded.
"""

from __future__ import annotations

import re

from webapp.ingest.dates import written_dates
from webapp.ingest.text import HOST_NAME

#: lines longer than this are never taken for frame, a title or a byline
SHORT_LINE = 200


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


#: whole lines that are navigation, controls, counters, prompts, banners or credits
FRAME_LINES: tuple[re.Pattern[str], ...] = _patterns(
    # lists and navigation
    r"all news|все новости|latest news|последние новости|more news:?|top news|news feed",
    r"(?:main|home)(?: page)?|menu|search(?: trends)?|view all|show more|load more|back to top",
    r"(?:most )?(?:popular|read|viewed|trending)(?: now| news| stories)?|editor['’]?s? picks?",
    r"новости партн[её]ров|partner news|news from partners",
    r"(?:предыдущая|следующая) новость(?:\s(?:предыдущая|следующая) новость)?",
    r"(?:previous|next) (?:news|article|story|post)"
    r"(?:\s(?:previous|next) (?:news|article|story|post))?",
    # the site's own controls
    r"view settings|font size:?|site colou?rs:?|version for the visually impaired|text only",
    r"text size:?(?:\s?a[+-]?){0,4}|listen(?: to)?(?: this)?(?: article| story| news)?"
    r"(?:\s?\d{1,2}:\d{2})?|\(?updated\)?",  # a player or a size switch; "(Updated)"
    r"accessibility(?: links| options)?|go to (?:the )?main site",
    r"(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|menu|search|footer|article)",
    r"(?:[^.!?>›]{1,40}\s?[>›]\s?){2,8}[^.!?>›]{0,60}",  # "Home > News > Politics"
    r"go to (?:the )?(?:contents?|top|menu|home ?page)|(?:post )?sponsored(?: by)?(?: content)?",
    r"(?:(?:open|close|show|hide) (?:the )?(?:news )?(?:feed|menu|search)\s?){1,2}",
    r"contact(?: us)?|about(?: us)?|log ?in|sign ?in|sign ?up|register|close|i agree",
    r"accept(?: all)?(?: cookies)?|reject(?: all)?|cookie settings",
    r"e-paper(?: get app)?|get (?:the )?app|download (?:on|from) the app store.{0,40}",
    r"english|русский|қазақша|o['’]zbekcha|en\s?[|/]?\s?ru(?:\s?[|/]?\s?kz)?",
    # prompts and appeals
    r"subscribe|subscribe to\s.{1,150}|subscribe and don['’]?t miss\b.{0,150}",
    r"sign up (?:for|to)\b.{0,100}|(?:get|join) our newsletter.{0,100}|newsletter",
    r"(?:follow us|подписывайтесь)\b.{0,150}|support [^!]{1,60}!|donate\b.{0,100}",
    r"(?:share|поделиться)(?:\s(?:on|this|via|article|news|story|page|post)){0,2}"
    r"(?:[\s:,|]{1,3}(?:facebook|twitter|x|telegram|vk|vkontakte|whatsapp|viber|ok"
    r"|email|e-mail|link)){0,12}",
    r"(?:read more|read also|also read|see also|related news|related articles"
    r"|more on this topic|читайте также|читать далее|по теме)\b.{0,150}",
    r"print|copy link|версия для печати|скопировать ссылку|advertisement|реклама|ad",
    r"(?:twitter|facebook|telegram|whatsapp|vk|vkontakte|linkedin|instagram|youtube|email|x)"
    r"(?:[\s,|]{1,3}(?:twitter|facebook|telegram|whatsapp|vk|linkedin|instagram|youtube|email|x)){0,8}",
    r"opening asia for russia",
    # links to the site's apps and its display switches: "apple store", "play market"
    r"(?:apple|app|google play|play) (?:store|market)|night[_ ]theme|(?:dark|night) mode",
    r"what are you looking for\s?\?",
    # an update note: "Details added (first version posted on 14:51)"
    r"(?:details added|updated)\s?\((?:first version|originally) posted (?:on|at) \d{1,2}:\d{2}\)",
    # a calendar widget's weekday row: "Mo Tu We Th Fr Sa Su"
    r"(?:(?:mo|tu|we|th|fr|sa|su|mon|tue|wed|thu|fri|sat|sun)\s?){7}",
    # a menu item that links on: "• New page "Open Government" Detail>>>"
    r"[•·▪-]?\s?.{1,150}\s(?:details?|more|read more)\s?(?:>{1,3}|»)",
    # a statistics script's label left in the text: "Yandex metrika counter"
    r"(?:yandex[. ]?metri[ck]a|google (?:tag manager|analytics)|liveinternet)(?: counter| code)?",
    # a press-release wire's distribution line: "11/28/2022 | Press release | Distributed by …"
    # cookie banners and notices
    r"(?:our )?privacy (?:statement|policy).{0,100}|by continuing to (?:browse|use)\b.{0,200}",
    r".{0,120}\bcookies?\b.{0,120}",
    # error pages
    r"(?:error )?[45]\d\d(?: error)?(?:[ :.-]{1,3}.{0,40})?|page not found|access denied",
    # counters, times, tickers
    r"[•·]?\s?\d{1,3}(?:[,\s\u00a0]?\d{3}){0,3}(?:\s(?:views?|просмотр(?:ов|а)?|comments?))?",
    r"\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?",
    # a time and a counter together: "10:15 · 1,234 views"
    r"\d{1,2}:\d{2}\s?[·•|,-]?\s?\d{1,3}(?:[,.\s\u00a0]?\d{3}){0,3}\s(?:views?|comments?|просмотр\w*)",
    r"\d{1,2}\s?min(?:ute)?s?\.?\s(?:read|reading(?: time)?)",
    r".{0,120}[▲▼].{0,120}",  # "AIRLINK 127.00 Decreased By ▼ -13.75 (-9.77%)"
    # credits and bylines of images
    r"(?:cover\s)?(?:photo|фото|images?|source of (?:the )?photo)\s?[:|].{0,150}",
    r"photo source:.{0,150}|.{0,60}©.{0,150}|.{0,150}/pool/.{0,60}",
    # a caption with its credit: "Tokayev and Putin. Photo: Akorda"
    r".{0,150}\b(?:photo|фото)(?:\s(?:by|credit))?\s?[:©].{0,80}",
    r"(?:copyright|all rights reserved)\b.{0,150}",
    r"any use of (?:the )?(?:site['’]s )?materials?\b.{0,150}",  # a reuse notice
    rf"(?:https?://)?{HOST_NAME}/?",  # "www.gazeta.uz"
    r"our standards:.{0,150}|\[[^\]]{1,60}\]",  # "[Provisional translation]"
    r"(?:original |translated )?author:.{0,80}",
)

#: marks inside a line that make the whole line a gallery caption or a navigation strip
CAPTION_MARKERS: tuple[re.Pattern[str], ...] = _patterns(
    r"предыдущая новость\s{1,5}следующая новость",
    r"previous news\s{1,5}next news",
    r"previous article\s{1,5}next article",
)

#: a photo caption that ends with its agency's credit: "… (Xinhua/Liu Bin)", "… | ANI"
CREDIT_END = re.compile(
    r"(?:\((?:xinhua|tass|reuters|afp|ap|aa|epa|sputnik|ria novosti|kremlin\.ru)"
    r"(?:/[^()]{1,40})?\)|\|\s?(?:ani|pti|ians|reuters|afp|ap|aa|xinhua|tass|epa|getty images)"
    r"|\bin a file (?:picture|photo|image)\.?)$"
)
#: a press-release wire's distribution line, "11/28/2022 | Press release | Distributed by
#: Public on 11/29/2022 12:22"; the short line above it names the issuer, not the headline
DISTRIBUTION_LINE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}\s?\|\s?press release\s?\|\s?distributed by\b.{1,60}"
)
#: the issuer's line above a distribution line has at most this many words
ISSUER_WORDS = 8

#: an agency's tag alone in brackets, and a sentence's end before it
_BARE_TAG = re.compile(r"\([a-z .]{2,20}\)")
_SENTENCE_BEFORE = re.compile(r"[.!?][\"”»’]?\s$")

#: a photo caption of agency pictures, which may run longer than ``SHORT_LINE``: it ends
#: with a credit in brackets that a sentence never has ("… on April 12, 2023. (China's
#: Ministry of Foreign Affairs/Handout via Xinhua)"), or with the photographer and an
#: image credit ("… October 15, 2019. REUTERS/Christopher Pike Image Credit: REUTERS")
CAPTION_CREDIT = re.compile(
    r"(?:\((?:[^()]{0,80}\bhandout\b[^()]{0,40}|[^()]{0,80}\bvia\s(?:xinhua|reuters|afp|ap|tass"
    r"|sputnik|ria novosti|getty images|aa|epa|kremlin\.ru))\)"
    r"|\b(?:reuters|afp|ap|xinhua|tass|epa|sputnik)/[^\W\d_][\w .'’-]{1,40}"
    r"(?:\s?image credit:\s?[\w .'’/-]{1,40})?)$"
)
#: a caption with its credit is frame up to this length
CAPTION_LINE = 400

#: the frame of government.ru; with transcript turns it marks the Government of Russia
GOVERNMENT_CHROME: tuple[re.Pattern[str], ...] = _patterns(
    r"предыдущая новость\s{1,5}следующая новость",
    r"previous news\s{1,5}next news",
)

_FRAME = re.compile("|".join(f"(?:{p.pattern})" for p in FRAME_LINES))
#: a word of three letters or more: a line without one is no text
_WORD = re.compile(r"[^\W\d_]{3}")
#: above the title: menu items with a number or a bullet, breadcrumbs, labels
_HEAD_FRAME = re.compile(
    r"\d{1,2}\.\s[^\s.]{1,30}(?:\s[^\s.]{1,30})?"  # "1. Main"
    r"|[•·▪\-–]\s?.{1,40}"  # "• Home Page"
    r"|[^.!?]{1,60}\s?[/›»>|]"  # "Transcripts /", "Home › News ›"
    r"|[^.!?:]{1,40}:"  # "Font size:"
)
#: above the title, a line of at most this many words is a control or a label
HEAD_MAX_WORDS = 2


def is_frame(line: str) -> bool:
    """A whole line that is the site's frame wherever it stands."""
    if (
        len(line) <= CAPTION_LINE
        and _may_end_with_caption_credit(line)
        and CAPTION_CREDIT.search(line.lower()) is not None
    ):
        return True
    if len(line) > SHORT_LINE:
        return False
    if _WORD.search(line) is None and not written_dates(line):
        return True  # controls without a word: "+ ↺ − 16 px", "‹ ›", "1 / 5"; not "12.11.2022"
    lowered = line.lower()
    if DISTRIBUTION_LINE.fullmatch(lowered) is not None:
        return True
    credit = CREDIT_END.search(lowered) if _may_end_with_credit(lowered) else None
    if credit is not None and not lowered.rstrip().endswith("."):
        # "… the talks were long. (AFP)": a wire's sign-off after a sentence is the story's
        # last paragraph; a photographer's credit ("(Xinhua/Li Xueren)") is a caption's
        signed = _BARE_TAG.fullmatch(credit.group()) and _SENTENCE_BEFORE.search(
            lowered, 0, credit.start()
        )
        if not signed:
            return True
    return _FRAME.fullmatch(lowered) is not None


def _may_end_with_caption_credit(line: str) -> bool:
    """Whether ``CAPTION_CREDIT`` can match: it ends with ")" or has a "/"; far cheaper."""
    return ")" in line or "/" in line


def _may_end_with_credit(lowered: str) -> bool:
    """Whether ``CREDIT_END`` can match: it holds ")", "|" or "in a file"; far cheaper."""
    return ")" in lowered or "|" in lowered or "in a file" in lowered


def is_head_frame(line: str) -> bool:
    """Frame above the title: very short lines, menu items, breadcrumbs and labels."""
    if len(line) > SHORT_LINE:
        return False
    return len(line.split()) <= HEAD_MAX_WORDS or _HEAD_FRAME.fullmatch(line) is not None


def is_gallery_strip(lowered: str) -> bool:
    return any(marker.search(lowered) for marker in CAPTION_MARKERS)

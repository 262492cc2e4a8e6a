"""Who published an article, from the most explicit thing the page says.

In order: the agency in the dateline ("/TASS/", "(AA)", "KAZINFORM"); the
byline ("Source: Xinhua", "Reuters Published …", "Anadolu Agency WORLD");
"X reports", "X cites", "X learned" near the start of the body; the site's
own name in its frame ("Official website of the President of Russia"); the
government.ru frame together with transcript turns. A press service that an
outlet relays ("the Kremlin press service reports", "reports Akorda") is not
the publisher. None when the page names no publisher.
"""

from __future__ import annotations

import re
from functools import cache

from webapp.ingest.read.datelines import Dateline
from webapp.ingest.read.frame import GOVERNMENT_CHROME
from webapp.ingest.read.outlets import Outlets

#: "X reports" is sought in this many characters at the start of the body
SOURCE_SCAN = 2000
#: ... in this many paragraphs ("…, Report informs." may close the third)
OPENING_PARAGRAPHS = 5
_TRANSCRIPT_TURN = re.compile(r"[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30}){1,3}: \S")
_REPORT_VERB = r"\s(?:reports|reported|cites|cited|learned|informs|writes|wrote)\b"
_REPORTS = rf"(?:\s(?:news\s+agency|correspondent|reporter))?{_REPORT_VERB}"
#: the verb alone, sought first: the outlets' long alternation is tried only where one is
_HAS_REPORT_VERB = re.compile(_REPORT_VERB)


@cache
def _reports(table: Outlets) -> re.Pattern[str]:
    return re.compile(rf"(?P<name>{table.spelling_pattern.pattern}){_REPORTS}")


def source(
    table: Outlets,
    raw_text: str,
    body: list[str],
    dateline: Dateline | None,
    byline_source: str | None,
    sites: list[str],
) -> str | None:
    if dateline is not None and dateline.agency is not None:
        known = table.named(dateline.agency)
        if known is not None:
            return known.name
        if dateline.agency[0].isupper():
            return dateline.agency
    if byline_source is not None:
        return byline_source
    opening = "\n\n".join(body[:OPENING_PARAGRAPHS])[:SOURCE_SCAN]
    found_verb = _HAS_REPORT_VERB.search(opening)
    for found in _reports(table).finditer(opening) if found_verb else ():
        outlet = table.named(found["name"])
        if outlet is not None and not outlet.relays:
            return outlet.name
    if sites:
        return sites[0]
    lowered = raw_text.lower()
    if any(p.search(lowered) for p in GOVERNMENT_CHROME) and any(
        _TRANSCRIPT_TURN.match(paragraph) for paragraph in body
    ):
        return "Government of Russia"
    return None

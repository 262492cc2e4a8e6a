"""Who published an article, from the most explicit thing the page says.

In order: the agency in the dateline ("/TASS/", "(AA)", "KAZINFORM"); the
byline ("Source: Xinhua", "Reuters Published …", "Anadolu Agency WORLD");
"X reports", "X cites", "X quotes", "X learned", "…, reports X." near the start
of the body; the site's own name in its frame ("Official website of the President of Russia"); the
wire's sign-off at the end ("(ANI)", "--IANS", Reuters' "Reporting by … Editing
by …"); the government.ru frame together with transcript turns. A press service that an
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
#: "RIA Novosti quotes Peskov": the outlet whose report the page gives
_REPORT_VERB = r"\s(?:reports|reported|cites|cited|learned|informs|writes|wrote|quotes|quoted)\b"
_REPORTS = rf"(?:\s(?:news\s+agency|correspondent|reporter))?{_REPORT_VERB}"
#: the verb alone, sought first: the outlets' long alternation is tried only where one is
_HAS_REPORT_VERB = re.compile(_REPORT_VERB)


@cache
def _reports(table: Outlets) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<name>{table.spelling_pattern.pattern}){_REPORTS}"
        # the verb first, closing a sentence: "…, reports Kazinform.", "…, writes Daryo."
        rf"|,\s(?:reports|reported|writes|informs)\s(?P<after>{table.spelling_pattern.pattern})"
        r"(?=[.,;]|\s(?:citing|with|referring|quoting)\b|$)"
    )


#: the wire's own sign-off closing a story: "… the talks were long. (ANI)", "--IANS", "APA",
#: "With inputs from PTI"
_SIGN_OFF = re.compile(
    r"(?:^|\s)(?:\(|--?|—\s?|(?i:with\s+inputs?\s+from)\s)?"
    r"(?P<name>[A-Z][\w.-]{1,30}(?:\s[A-Z][\w.-]{1,30})?)\)?$"
)
#: Reuters closes its stories with the names of its reporters and editors
_REUTERS_CREDIT = re.compile(
    r"^(?:Reporting|Additional reporting|Writing) by\b.{0,200}\bEditing by\b"
)
#: the last paragraphs, where a sign-off stands (a line of initials may follow it)
SIGN_OFF_PARAGRAPHS = 3


def _signed_at_end(body: list[str], table: Outlets) -> str | None:
    """The outlet a story's last lines sign it with."""
    for paragraph in reversed(body[-SIGN_OFF_PARAGRAPHS:]):
        if _REUTERS_CREDIT.match(paragraph) and (reuters := table.named("Reuters")):
            return reuters.name
        match = _SIGN_OFF.search(paragraph[-50:])
        if match is None:
            continue
        whole = (
            paragraph.strip() == match["name"]
            or match.group().lstrip()[:1] in "(-—"
            or paragraph.strip().lower().startswith(("with inputs from", "with input from"))
        )
        outlet = table.named(match["name"]) if whole else None
        if outlet is not None and not outlet.relays:
            return outlet.name
    return None


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
        outlet = table.named(found["name"] or found["after"])
        if outlet is not None and not outlet.relays:
            return outlet.name
    if sites:
        return sites[0]
    if (signed := _signed_at_end(body, table)) is not None:
        return signed
    lowered = raw_text.lower()
    if any(p.search(lowered) for p in GOVERNMENT_CHROME) and any(
        _TRANSCRIPT_TURN.match(paragraph) for paragraph in body
    ):
        return "Government of Russia"
    return None

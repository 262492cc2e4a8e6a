"""Lines of a page that name its site: an appeal, a copyright, the site's or the page's address.

The frame and the byline ask these of their lines; what they find is the
publisher when the page names no other (``sources``), and a page's own address
printed in its frame may give the day it was published.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from webapp.ingest.read.outlets import Outlets
from webapp.ingest.text import HOST_NAME

#: a site's appeal or copyright notice names the site: "Support The Moscow Times!",
#: "© 2024 Orda.kz", "[Copyright The Jiji Press, Ltd.]"; a photographer's credit does not
_SITE_NAMED = re.compile(
    r"(?i:support|donate\sto|subscribe\sto)\s(?P<appeal>[^!]{1,60})!?"
    r"|(?i:all\srights\sreserved\.?\s)?"
    r"\[?(?i:©|\(c\)|copyright)(?:\s?©)?\s?(?:(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)\d\d)?,?\s)?"
    r"(?P<owner>[^,.\]]{2,40}(?:\.(?:kz|ru|com|uz|kg|az|by|am|tj|tm|cn))?)"
    r"|(?P<signed>[^©,]{2,40}?)\s?©\s?(?:19|20)\d\d\b"  # "Caliber.az © 2026."
)
#: the site's own account in its appeal: "Follow us on Twitter @AzerNewsAz"
_FOLLOW_HANDLE = re.compile(r"(?i:follow\sus\b)[^@]{0,40}@(?P<handle>\w{3,40})\W*$")
_ADDRESS = re.compile(rf"(?:https?://)?(?P<host>{HOST_NAME})/?")
_PAGE_ADDRESS = re.compile(rf"https?://(?P<host>{HOST_NAME})/\S+")
#: a copyright notice that says it is the site's: its owner is the publisher, known or not
_RIGHTS_RESERVED = re.compile(r"(?i:\ball\srights\sreserved\b)")

#: a day in an address's path: "/2022/03/11/", "/20220915/", "/2025/0617/", "/2024-07-25-"
_ADDRESS_DAY = re.compile(
    r"/(?P<y>20\d\d)(?:/(?P<m1>[01]\d)/(?P<d1>[0-3]\d)|/(?P<m2>[01]\d)(?P<d2>[0-3]\d)"
    r"|(?P<m3>[01]\d)(?P<d3>[0-3]\d)|-(?P<m4>[01]\d)-(?P<d4>[0-3]\d))(?=[/_-])"
)


def address_date(address: str) -> date | None:
    """The day a page's address gives in its path, when it gives a whole valid one:
    "https://lenta.ru/news/2022/03/11/peregovory" is 2022-03-11; an id is not a date."""
    path = urlsplit(address).path
    for match in _ADDRESS_DAY.finditer(path):
        month = next(match[g] for g in ("m1", "m2", "m3", "m4") if match[g])
        day = next(match[g] for g in ("d1", "d2", "d3", "d4") if match[g])
        try:
            return date(int(match["y"]), int(month), int(day))
        except ValueError:
            continue
    return None


def printed_address_date(line: str) -> date | None:
    """The day in a line that is only the page's own address (see ``address_date``)."""
    address = line.strip()
    return address_date(address) if _PAGE_ADDRESS.fullmatch(address) else None


def site_named(line: str, table: Outlets) -> str | None:
    """The outlet a frame line names as the site's own: an appeal, a copyright notice."""
    if (follow := _FOLLOW_HANDLE.match(line.strip())) is not None:
        outlet = table.handle(follow["handle"])
        return outlet.name if outlet is not None else None
    match = _SITE_NAMED.match(line.strip())
    if match is None:
        return None
    words = (match["appeal"] or match["owner"] or match["signed"]).strip()
    words = re.sub(r"\s(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)\d\d)?$", "", words)  # "© Daryo 2024"
    outlet = table.named(words) or table.named(words.removeprefix("The ").strip())
    if outlet is not None:
        return outlet.name
    if match["owner"] and _RIGHTS_RESERVED.search(line) and words[:1].isupper():
        return words
    return None


def site_address(line: str, table: Outlets) -> str | None:
    """A line that is only the site's address: "www.gazeta.uz"; not a press service's."""
    address = _ADDRESS.fullmatch(line.strip())
    outlet = table.domain(address["host"]) if address is not None else None
    if outlet is None or outlet.relays:
        return None  # "akorda.kz" under a story: the press service it relays
    return outlet.name


def page_address(line: str, table: Outlets) -> str | None:
    """A line that is only the page's own address at an outlet's domain, printed in its frame:
    "https://sputniknews.com/20220915/putin--xi-meet-….html" is Sputnik's; a press service's
    address is not a publisher's."""
    address = _PAGE_ADDRESS.fullmatch(line.strip())
    outlet = table.domain(address["host"]) if address is not None else None
    return outlet.name if outlet is not None and not outlet.relays else None


def outlet_in(text: str, table: Outlets) -> str | None:
    """The outlet a date line names: "Reuters Published 08 May, 2025 01:03pm"."""
    text = re.sub(r"(?<=[A-Za-z])(?=(?:Updated|Published|Posted)\b)", " ", text)
    found = table.spelling_pattern.search(text)
    return table.named(found.group()).name if found else None

"""What the words around a new name say of it: an office before or after it, and whose.

A name the dictionary does not know becomes a new person only when the text
gives it an office ("Kyrgyz Foreign Minister Jeenbek Kulubaev", "Dilma Rousseff,
the former president of Brazil"), a country's possessive ("Turkey's Recep Tayyip
Erdogan") or an honorific ("Mr. Ebrahim Raisi"); these are the patterns that
decide it, and the country they name.
"""

from __future__ import annotations

import re

from webapp.ingest.gazetteer import country_named

_POSSESSIVE = re.compile(r"['’]s$")
_TITLE_BEFORE = re.compile(
    r"(?i:\b(?:minister|ambassador|governor|akim|mayor|chairman|chairwoman|speaker|secretary"
    r"|director|head|adviser|advisor|aide|envoy|spokesman|spokeswoman|spokesperson|senator"
    r"|deputy|representative|president|premier|chief|ceo|counterpart|chancellor|king|emir"
    r"|sheikh|sultan|prince|commentator|analyst|expert|scientist|professor|researcher"
    r"|journalist|editor|economist|observer|official|lawmaker|diplomat|general|leader"
    r"|h\.\s?h\.|h\.\s?e\.|(?:his|her)\s+(?:royal\s+)?(?:highness|excellency)))"
    # a body in lower case inside it: "co-chairman of Uzbekistan-China intergovernmental
    # committee on cooperation"
    r"(?:\s+of(?:\s+(?:of|the|and|\(?the|\(?[A-Z][\w'’-]*\)?|intergovernmental|joint"
    r"|bilateral|committee|commission|council)){0,16})?"
    # the remit of an envoy: "Special Representative … for the normalization of relations"
    r"(?:\s+(?:for|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}?(?:relations|affairs|issues|settlement"
    r"|cooperation|questions|matters))?"
    # "Minister (EAM) Dr. S …", "Supreme Leader Ayatollah Ali …"
    r"(?:\s+\([A-Z]{2,8}\))?(?:,?\s+(?:Dr|Mr|Mrs|Ms|Prof|Ayatollah|Sir)\.?)?,?\s+$"
)
#: how far before a name its title may begin: "Chairman of Majlisi Namoyandagon (the House of
#: Representatives) of the Majlisi Oli (the Supreme Assembly) of Tajikistan Mahmadtoir Zokirzoda"
TITLE_REACH = 160
#: a title after the name: "Dilma Rousseff, the former president of Brazil"
_TITLE_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+|[A-Z][\w-]+['’]s\s+)?"  # "…, Putin's aide on foreign policy"
    r"(?:[\w-]+\s+){0,2}?"  # "the press secretary", "the Kremlin spokesman"
    r"(?i:president|prime\s+minister|premier|minister|chancellor|king|emir|sheikh|ambassador"
    r"|chairman|chairwoman|speaker|secretary|governor|mayor|head|leader|director|spokesman"
    r"|spokeswoman|spokesperson|commentator|analyst|expert|professor|envoy|aide|adviser|advisor"
    r"|representative|deputy|co-chair|chair|chairperson|coordinator|commissioner)\b"
    # not the title of the next name ("…, with Kyrgyz President Sadyr Japarov") nor the
    # subject of the next clause ("…, the Kazakh minister said")
    r"(?![ \u00a0]+[A-Z])(?!\s+(?:said|says|told|noted|stressed|added|stated|emphasi[sz]ed"
    r"|explained|announced|replied|recalled|believes|thinks)\b)"
)
#: a country's possessive right before a name: "Iran's Ebrahim Raisi"
_COUNTRY_OWNS = re.compile(r"(?<![\w-])(?P<country>[A-Z][\w-]+)['’]s\s+$")
#: the last words of a body, a place or a paper, not of a person: "China's Shaanxi
#: Province", "Türkiye's Communications Directorate", "China's Global Times"
_INSTITUTION_WORDS = frozenset(
    "Province Region Directorate Times Port Daily News Agency Ministry Office University"
    " Airport Company Corporation Group Bank Council Party Television TV Radio Post Herald"
    " Tribune Gazette Monitor Review Journal Channel Network Institute Centre Center Fund".split()
)
#: an honorific right before a name: "Mr. Ebrahim Raisi", "Mrs Smith"
_HONORIFIC = re.compile(r"(?<![\w-])(?:Mr|Mrs|Ms|Madam|Sir)\.?\s+$")
#: words that head an office: a name after them may be a new person
TITLE_HEADS = frozenset(
    "President Minister Premier PM FM EAM Ambassador Governor Akim Mayor Chairman Chairwoman"
    " Chairperson Speaker Secretary Director Adviser Advisor Aide Envoy Spokesman Spokeswoman"
    " Spokesperson Senator Deputy Representative Chief CEO Head Commissioner Prosecutor"
    " Ombudsman Chancellor King Queen Emir Sheikh Sultan Prince Monarch Emperor Vice".split()
)


def _institution(tokens: list[tuple[int, int, str]], first: int) -> bool:
    """Whether the capitalised run from ``first`` ends in a word of a body or a place."""
    index = first
    while index + 1 < len(tokens) and tokens[index + 1][0] - tokens[index][1] <= 1:
        index += 1
    return any(token[2] in _INSTITUTION_WORDS for token in tokens[first : index + 1])


def title_before(
    text: str, tokens: list[tuple[int, int, str]], first: int
) -> tuple[bool, str | None]:
    """Whether an office is named just before the name at ``tokens[first]``, and its country.

    ``tokens`` are the run's words as (start, end, word) in ``text``.
    """
    titled = False
    country = None
    for index in range(first - 1, -1, -1):
        word = tokens[index][2]
        if word in TITLE_HEADS or word.split("-")[0] in TITLE_HEADS:
            titled = True
        elif country is None and country_named(word) is not None:
            country = country_named(word)
    name_start = tokens[first][0]
    before = text[max(0, name_start - TITLE_REACH) : name_start]
    if not titled and _TITLE_BEFORE.search(before):
        titled = True
    owner = None if titled else _COUNTRY_OWNS.search(before)
    if owner is not None and not _institution(tokens, first):
        # "Turkey's Recep Tayyip Erdogan": a country's man, as the press writes its leaders
        if (named := country_named(owner.group("country"))) is not None:
            titled, country = True, named
    if not titled and _HONORIFIC.search(before):
        titled = True  # "Mr. Ebrahim Raisi"
    if titled and country is None:
        for word in before.split()[-4:]:
            country = country_named(_POSSESSIVE.sub("", word.strip(",;:"))) or country
    return titled, country


def title_after(text: str, end: int) -> bool:
    """Whether an office follows the name that ends at ``end``: "…, the former president of
    Brazil"."""
    return _TITLE_AFTER.match(text, end) is not None

"""Comparable forms of names, countries and office titles.

Names compare without case, spacing, diacritics or apostrophes; countries
compare by any of their names or adjectives ("Kazakh", "Republic of
Kazakhstan"); titles compare by office ("Chairman of the Government" is the
prime minister).
"""

from __future__ import annotations

import re
from functools import lru_cache

from webapp.ingest.gazetteer import country_of
from webapp.ingest.text import normalise

# Transliteration variants folded before fuzzy comparison, so that
# Alikhan/Alihan, Tokayev/Tokaev, Kassym-Zhomart/Kassym-Jomart, Sergey/Sergei,
# Yerlan/Erlan and Massimov/Masimov have the same skeleton.
_SKELETON_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        ("-", ""), ("x", "ks"), ("d?zh|dj", "j"), ("kh", "h"), ("w", "v"),
        ("(?<=[aeiou])y", ""), ("(?<=[aeo])i(?![aeiou])", ""), ("^y(?=[aeiou])", ""),
        ("y", "i"), (r"(.)\1", r"\1"),
    ]
]  # fmt: skip

# "Chairman of the Cabinet of Ministers" is Kyrgyzstan's official title since 2021;
# the rows say "Prime Minister" as the media do.
_TITLE_WORDS = {
    "prime minister": ("premier", "pm", "chairman of the government",
                       "chairman of the cabinet of ministers"),
    "head of government": ("head of the government",),
    "foreign minister": ("minister of foreign affairs", "foreign affairs minister", "fm"),
    "president": ("head of state", "state president"),
}  # fmt: skip
#: A query for the broader title also answers with holders of the narrower ones.
TITLE_GROUPS = {"head of government": ("head of government", "prime minister")}


def skeleton(token: str) -> str:
    """Fold transliteration variants of one normalised token: "tokayev" -> "tokaev"."""
    for pattern, replacement in _SKELETON_RULES:
        token = pattern.sub(replacement, token)
    return token


_TITLE_SYNONYMS = {word: title for title, words in _TITLE_WORDS.items() for word in words}


def surname_of(name: str, country: str | None) -> str:
    """Family name of a full name: the last token, but the first for Chinese names."""
    tokens = name.split()
    if not tokens:
        return ""
    return tokens[0] if country and country_of(country) == "China" else tokens[-1]


@lru_cache(maxsize=1024)
def title_key(title: str) -> str:
    """Normalised office: "Chairman of the Government of Russia" -> "prime minister"."""
    key = re.sub(r"\s*\([^)]*\)", "", normalise(title)).strip().removeprefix("the ")
    head, sep, tail = key.rpartition(" of ")
    if sep and country_of(tail):
        key = head
    key = re.sub(r"^(chair|chairwoman|chairperson|speaker)\b", "chairman", key)
    return _TITLE_SYNONYMS.get(key, key)


@lru_cache(maxsize=1024)
def country_key(country: str) -> str:
    return country_of(country) or normalise(country)

"""Comparable forms of names, countries and office titles.

Names compare without case, spacing, diacritics or apostrophes; countries
compare by any of their names or adjectives ("Kazakh", "Republic of
Kazakhstan"); titles compare by office ("Chairman of the Government" is the
prime minister).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks are dropped ("Nigʻmatilla" = "Nig'matilla" = "Nigmatilla")
# and dash-like marks become a hyphen.
_TRANSLATE = {**dict.fromkeys(map(ord, "'`ʻʼ’‘"), None), **dict.fromkeys(map(ord, "‐‑‒–—"), "-")}

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

_COUNTRY_WORDS = {
    "Russia": ("russia", "russian federation", "russian", "rf"),
    "Kazakhstan": ("kazakhstan", "republic of kazakhstan", "kazakh", "kazakhstani"),
    "Belarus": ("belarus", "republic of belarus", "belarusian", "belarussian", "belorussian"),
    "Armenia": ("armenia", "republic of armenia", "armenian"),
    "Azerbaijan": ("azerbaijan", "republic of azerbaijan", "azerbaijani", "azeri"),
    "Kyrgyzstan": ("kyrgyzstan", "kyrgyz republic", "kyrgyz", "kirghiz", "kyrgyzstani"),
    "Tajikistan": ("tajikistan", "republic of tajikistan", "tajik"),
    "Uzbekistan": ("uzbekistan", "republic of uzbekistan", "uzbek"),
    "Turkmenistan": ("turkmenistan", "turkmen"),
    "China": ("china", "people's republic of china", "prc", "chinese"),
}

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


#: longer texts are normalised afresh: the cache is for names and titles
_CACHED_LENGTH = 200


def normalise(text: str) -> str:
    """Key for exact lookups: case, whitespace and diacritics do not count."""
    if len(text) <= _CACHED_LENGTH:
        return _normalise_short(text)
    return _normalise(text)


@lru_cache(maxsize=8192)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLATE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def skeleton(token: str) -> str:
    """Fold transliteration variants of one normalised token: "tokayev" -> "tokaev"."""
    for pattern, replacement in _SKELETON_RULES:
        token = pattern.sub(replacement, token)
    return token


_COUNTRIES = {normalise(w): country for country, ws in _COUNTRY_WORDS.items() for w in ws}
_TITLE_SYNONYMS = {word: title for title, words in _TITLE_WORDS.items() for word in words}


def country_of(word: str) -> str | None:
    """Canonical country for a name or adjective: "Russian Federation", "Kazakh", "PRC"."""
    key = normalise(re.sub(r"['’]s\s*$", "", word.strip()))
    key = key.removeprefix("the ")
    return _COUNTRIES.get(key)


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

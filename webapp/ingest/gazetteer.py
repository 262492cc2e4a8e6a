"""Countries and cities: their names, adjectives and former names.

Every stage asks which country a word names ("Kazakh", "Russian Federation")
and whether a capitalised phrase is a city; the answers live here, below the
stages, so that the reader and the meeting finder share one list.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from webapp.ingest.text import normalise

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

_COUNTRIES = {normalise(w): country for country, ws in _COUNTRY_WORDS.items() for w in ws}

#: city -> country, for the cities a meeting of the region's leaders is likely held in
CITIES = {
    "Moscow": "Russia", "St Petersburg": "Russia", "St. Petersburg": "Russia",
    "Saint Petersburg": "Russia", "Sochi": "Russia", "Kazan": "Russia", "Ufa": "Russia",
    "Novosibirsk": "Russia", "Yekaterinburg": "Russia", "Omsk": "Russia", "Orenburg": "Russia",
    "Chelyabinsk": "Russia", "Astrakhan": "Russia", "Samara": "Russia", "Volgograd": "Russia",
    "Vladivostok": "Russia", "Kaliningrad": "Russia", "Novo-Ogaryovo": "Russia",
    "Astana": "Kazakhstan", "Nur-Sultan": "Kazakhstan", "Almaty": "Kazakhstan",
    "Shymkent": "Kazakhstan", "Karaganda": "Kazakhstan", "Aktau": "Kazakhstan",
    "Atyrau": "Kazakhstan", "Kostanay": "Kazakhstan", "Pavlodar": "Kazakhstan",
    "Uralsk": "Kazakhstan", "Turkestan": "Kazakhstan", "Aktobe": "Kazakhstan",
    "Semey": "Kazakhstan", "Petropavlovsk": "Kazakhstan", "Taraz": "Kazakhstan",
    "Kyzylorda": "Kazakhstan", "Ust-Kamenogorsk": "Kazakhstan", "Burabay": "Kazakhstan",
    "Minsk": "Belarus", "Bishkek": "Kyrgyzstan", "Cholpon-Ata": "Kyrgyzstan",
    "Osh": "Kyrgyzstan", "Tashkent": "Uzbekistan", "Samarkand": "Uzbekistan",
    "Bukhara": "Uzbekistan", "Dushanbe": "Tajikistan", "Ashgabat": "Turkmenistan",
    "Yerevan": "Armenia", "Baku": "Azerbaijan", "Beijing": "China", "Shanghai": "China",
    "Xi'an": "China",
}  # fmt: skip
_CAPITALS = {
    "Russia": "Moscow", "Belarus": "Minsk", "Kyrgyzstan": "Bishkek", "Uzbekistan": "Tashkent",
    "Tajikistan": "Dushanbe", "Turkmenistan": "Ashgabat", "Armenia": "Yerevan",
    "Azerbaijan": "Baku", "China": "Beijing",
}  # fmt: skip
_NUR_SULTAN = (date(2019, 3, 23), date(2022, 9, 17))


def country_of(word: str) -> str | None:
    """Canonical country for a name or adjective: "Russian Federation", "Kazakh", "PRC"."""
    key = normalise(re.sub(r"['’]s\s*$", "", word.strip()))
    key = key.removeprefix("the ")
    return _COUNTRIES.get(key)


@lru_cache(maxsize=8192)
def country_named(words: str) -> str | None:
    """``country_of``, remembered: it is asked about every capitalised word."""
    return country_of(words)


def city_name(words: str, capital: bool = False) -> str | None:
    words = words.rstrip(".")
    for candidate in (words, words.split(" ")[0], words.split("-")[0]):
        if candidate in CITIES:
            return candidate
    if capital and country_named(words) is None:
        return words
    return None


def capital_of(country: str | None, on: date | None) -> str | None:
    if country == "Kazakhstan":
        if on is not None and _NUR_SULTAN[0] <= on < _NUR_SULTAN[1]:
            return "Nur-Sultan"
        return "Astana"
    return _CAPITALS.get(country or "")


def country_of_place(place: str) -> str | None:
    return country_named(place) or CITIES.get(place)

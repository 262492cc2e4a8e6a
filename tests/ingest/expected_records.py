"""Where the hand-written expected records are, and how an extraction is compared with one.

Five collections share one format (``tests/ingest/expected/README.md``):

* ``seeds``: the seed articles and the test articles of ``tests/ingest/articles``,
  whose expectations the extractor must meet exactly;
* ``dev``: real pages of ``tests/corpus/dev``, on which rules are developed;
* ``holdout``, ``holdout2``, ``holdout3``, ``holdout5``: real pages of
  ``tests/corpus/holdout``, ``tests/corpus/holdout2``, ``tests/corpus/holdout3`` and
  ``tests/corpus/holdout5``, kept unseen while rules are written, and scored apart; each
  was collected after the one before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from webapp import PROJECT_ROOT
from webapp.ingest.records import Meeting

HERE = Path(__file__).resolve().parent
CORPUS = PROJECT_ROOT / "tests" / "corpus"
COLLECTIONS: dict[str, tuple[Path, tuple[Path, ...]]] = {
    "seeds": (HERE / "expected", (PROJECT_ROOT / "seed_data" / "articles", HERE / "articles")),
    "dev": (CORPUS / "dev" / "expected", (CORPUS / "dev" / "pages",)),
    "holdout": (CORPUS / "holdout" / "expected", (CORPUS / "holdout" / "pages",)),
    "holdout2": (CORPUS / "holdout2" / "expected", (CORPUS / "holdout2" / "pages",)),
    "holdout3": (CORPUS / "holdout3" / "expected", (CORPUS / "holdout3" / "pages",)),
    "holdout5": (CORPUS / "holdout5" / "expected", (CORPUS / "holdout5" / "pages",)),
}


def expected_files(collection: str) -> list[Path]:
    return sorted(COLLECTIONS[collection][0].glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def article_path(collection: str, name: str) -> Path:
    for folder in COLLECTIONS[collection][1]:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


def normal(text: str | None) -> str | None:
    """Whitespace-normalised text: U+00A0 as a space, runs of whitespace as one."""
    if text is None:
        return None
    return " ".join(text.replace("\u00a0", " ").replace("\r\n", "\n").split())


def place_key(place: str | None) -> str:
    """Places compare without case and full stops: "St. Petersburg" is "St Petersburg"."""
    return " ".join((place or "").replace(".", " ").lower().split())


def people_of(entries: Iterable[Any] | None) -> set[str]:
    """The names of a ``people`` list: canonical names and new people's names."""
    return {entry if isinstance(entry, str) else entry["name"] for entry in entries or ()}


#: a title taken from the first sentence may start after the dateline, at most this far in
DATELINE_LENGTH = 80


def title_matches(title: str | None, notes: Iterable[str], text: str, wanted: str | None) -> bool:
    """Equal titles; where the page has none, the start of its first sentence, saying so.

    The first sentence may follow a dateline ("ASTANA, July 3. /TASS/. Russian …").
    """
    if wanted is None and "title taken from the first sentence" in notes:
        first = normal(text.split("\n\n", 1)[0]) or ""
        return 0 <= first.find((normal(title) or "").removesuffix("…")) <= DATELINE_LENGTH
    return normal(title) == normal(wanted)


def same_people(meeting: Meeting, wanted: dict[str, Any]) -> bool:
    return {normal(p) for p in meeting.participants} == {normal(p) for p in wanted["participants"]}


def meeting_matches(meeting: Meeting, wanted: dict[str, Any], strict: bool = True) -> bool:
    """Same people, date and place, and the occasion when one is expected.

    ``occasion: null`` means none, unless ``strict`` is false.
    """
    if not same_people(meeting, wanted) or meeting.date != wanted["date"]:
        return False
    if place_key(meeting.place) != place_key(wanted["place"]):
        return False
    occasion = wanted.get("occasion")
    if occasion is None:
        return not strict or meeting.occasion is None
    return meeting.occasion is not None and occasion in meeting.occasion


def statement_matches(words: str, speaker: str | None, kind: str, wanted: dict[str, Any]) -> bool:
    """Same speaker and kind, and the words as ``text``, ``contains`` or ``starts``/``ends`` say."""
    if normal(speaker) != normal(wanted["speaker"]) or kind != wanted["kind"]:
        return False
    words = normal(words) or ""
    if "text" in wanted:
        return words == normal(wanted["text"])
    if "contains" in wanted:
        return (normal(wanted["contains"]) or "") in words
    return words.startswith(normal(wanted["starts"]) or "") and words.endswith(
        normal(wanted["ends"]) or ""
    )

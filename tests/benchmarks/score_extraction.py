"""Score the extractor against the hand-written expected records, measure by measure.

    python -m tests.benchmarks.score_extraction                 # every collection
    python -m tests.benchmarks.score_extraction dev --misses    # and what went wrong, per page

Each collection is scored apart (see ``tests/ingest/expected_records.py``):
the holdout is the honest figure, since rules are written without seeing it.
``--misses`` lists the differences page by page; it refuses the holdout, whose
pages are not to be read while rules are written, unless ``--show-holdout``.

The measures, counted over all pages of a collection:

* publication date, source, title: the share of pages where it is right;
* meetings: F1 over the required meetings, matched by their participants;
  of the meetings found, the share whose date and whose place are right;
* indirect speech, and direct quotes with transcript turns: F1 over the
  required statements, speaker and words right;
* people: F1 over the people named (canonical names, and new people by name).

Anything extracted that matches an optional record counts neither way.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from tests.ingest.expected_records import COLLECTIONS
from tests.ingest.expected_records import article_path
from tests.ingest.expected_records import expected_files
from tests.ingest.expected_records import load
from tests.ingest.expected_records import normal
from tests.ingest.expected_records import people_of
from tests.ingest.expected_records import place_key
from tests.ingest.expected_records import same_people
from tests.ingest.expected_records import statement_matches
from tests.ingest.expected_records import title_matches
from webapp import PROJECT_ROOT
from webapp.ingest import Extraction
from webapp.ingest import Registry
from webapp.ingest import extract
from webapp.ingest import read_path

#: the figures each measure must reach on pages of sites never seen
REQUIRED = {
    "published": 0.95,
    "source": 0.90,
    "title": 0.95,
    "meetings F1": 0.90,
    "meeting date": 0.90,
    "meeting place": 0.85,
    "indirect F1": 0.80,
    "direct+transcript F1": 0.93,
    "people F1": 0.98,
}


@dataclass
class Tally:
    """Counts for one F1 measure: hits, and the sizes of the two sides."""

    hits: int = 0
    expected: int = 0
    extracted: int = 0

    def add(self, hits: int, expected: int, extracted: int) -> None:
        self.hits += hits
        self.expected += expected
        self.extracted += extracted

    @property
    def precision(self) -> float:
        return self.hits / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    pages: int = 0
    right: dict[str, int] = field(default_factory=dict)
    tallies: dict[str, Tally] = field(default_factory=dict)
    #: meetings found (matched by participants), and of those, with the right date and place
    found: int = 0
    dated: int = 0
    placed: int = 0
    misses: list[str] = field(default_factory=list)

    def page_measure(self, name: str, ok: bool) -> None:
        self.right[name] = self.right.get(name, 0) + int(ok)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def figures(self) -> dict[str, float]:
        share = {name: count / self.pages for name, count in self.right.items()}
        return {
            **share,
            "meetings F1": self.tally("meetings").f1,
            "meeting date": self.dated / self.found if self.found else 1.0,
            "meeting place": self.placed / self.found if self.found else 1.0,
            "indirect F1": self.tally("indirect").f1,
            "direct+transcript F1": self.tally("direct+transcript").f1,
            "people F1": self.tally("people").f1,
        }


def pair_up(
    found: list[Any], wanted: list[dict], optional: list[dict], matches: Callable[[Any, dict], bool]
) -> tuple[int, int, list[dict], list[Any]]:
    """(hits, extracted that count, expected missed, extracted that match nothing).

    Each expected record is matched by at most one extracted record, and the
    other way round; an extracted record that matches only an optional one is
    left out of the count.
    """
    used: set[int] = set()
    hits = 0
    for wanted_index, want in enumerate(wanted):
        for index, item in enumerate(found):
            if index not in used and matches(item, want):
                used.add(index)
                hits += 1
                break
        else:
            used.add(-1 - wanted_index)  # remember the miss
    missed = [want for index, want in enumerate(wanted) if -1 - index in used]
    rest = [item for index, item in enumerate(found) if index not in used]
    extra = [item for item in rest if not any(matches(item, want) for want in optional)]
    return hits, hits + len(extra), missed, extra


def score_page(score: Score, name: str, expected: dict, extraction: Extraction) -> None:
    document = extraction.document
    score.pages += 1
    checks = {
        "published": document.published == expected["published"],
        "source": document.source == expected["source"],
        "title": title_matches(document.title, document.notes, document.text, expected["title"]),
    }
    for measure, ok in checks.items():
        score.page_measure(measure, ok)
        if not ok:
            got = {"published": document.published, "source": document.source}
            got["title"] = document.title
            score.misses.append(
                f"{name}: {measure} {got[measure]!r}, expected {expected[measure]!r}"
            )

    found_people = {normal(m.person) for m in extraction.mentions}
    found_people |= {normal(p.name) for p in extraction.new_people}
    wanted_people = {normal(p) for p in people_of(expected["people"])}
    optional_people = {normal(p) for p in people_of(expected.get("optional_people"))}
    counted = found_people - (optional_people - wanted_people)
    score.tally("people").add(len(counted & wanted_people), len(wanted_people), len(counted))
    for person in sorted(wanted_people - found_people):
        score.misses.append(f"{name}: person missed {person}")
    for person in sorted(counted - wanted_people):
        score.misses.append(f"{name}: person extra {person}")

    wanted = expected.get("meetings") or []
    optional = expected.get("optional_meetings") or []
    meetings = list(extraction.meetings)
    hits, counted_meetings, missed, extra = pair_up(meetings, wanted, optional, same_people)
    score.tally("meetings").add(hits, len(wanted), counted_meetings)
    for want in missed:
        score.misses.append(f"{name}: meeting missed {sorted(want['participants'])}")
    for meeting in extra:
        score.misses.append(f"{name}: meeting extra {sorted(meeting.participants)} {meeting.date}")
    for want in wanted:
        candidates = [m for m in meetings if same_people(m, want)]
        if not candidates:
            continue
        match = max(
            candidates,
            key=lambda m: (
                (m.date == want["date"]) + (place_key(m.place) == place_key(want["place"]))
            ),
        )
        score.found += 1
        score.dated += match.date == want["date"]
        score.placed += place_key(match.place) == place_key(want["place"])
        if match.date != want["date"] or place_key(match.place) != place_key(want["place"]):
            score.misses.append(
                f"{name}: meeting {sorted(want['participants'])} on {match.date} in"
                f" {match.place!r}, expected {want['date']} in {want['place']!r}"
            )

    text = document.text
    statements = [(text[s.start : s.end], s.speaker, s.kind.value) for s in extraction.statements]
    for measure, kinds in (
        ("indirect", {"indirect"}),
        ("direct+transcript", {"direct", "transcript"}),
    ):
        found = [s for s in statements if s[2] in kinds]
        want = [w for w in expected.get("statements") or [] if w["kind"] in kinds]
        maybe = [w for w in expected.get("optional_statements") or [] if w["kind"] in kinds]
        hits, counted_statements, missed, extra = pair_up(
            found, want, maybe, lambda item, w: statement_matches(*item, w)
        )
        score.tally(measure).add(hits, len(want), counted_statements)
        for item in missed:
            words = item.get("text") or item.get("contains") or item.get("starts")
            score.misses.append(f"{name}: {measure} missed {item['speaker']}: {words[:70]!r}")
        for words, speaker, kind in extra:
            score.misses.append(f"{name}: {kind} extra {speaker}: {words[:70]!r}")


def score_collection(collection: str, registry: Registry) -> Score:
    score = Score()
    for path in expected_files(collection):
        expected = load(path)
        document = read_path(article_path(collection, expected["file"]))
        score_page(score, path.stem, expected, extract(document, registry))
    return score


def table(scores: dict[str, Score]) -> Iterable[str]:
    names = list(scores)
    yield f"{'measure':<22}" + "".join(f"{n:>10}" for n in names) + f"{'required':>10}"
    yield f"{'pages':<22}" + "".join(f"{scores[n].pages:>10}" for n in names)
    figures = {name: score.figures() for name, score in scores.items()}
    for measure, required in REQUIRED.items():
        row = "".join(f"{figures[n].get(measure, 0.0):>10.2f}" for n in names)
        yield f"{measure:<22}{row}{required:>10.2f}"
    for measure in ("meetings", "indirect", "direct+transcript", "people"):
        detail = "".join(
            f"{scores[n].tally(measure).precision:>5.2f}/{scores[n].tally(measure).recall:.2f}"
            for n in names
        )
        yield f"{measure + ' P/R':<22}{detail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="*", help=f"any of {', '.join(COLLECTIONS)}")
    parser.add_argument("--misses", action="store_true", help="list what went wrong, per page")
    parser.add_argument(
        "--show-holdout", action="store_true", help="allow --misses on the holdout pages"
    )
    args = parser.parse_args()
    collections = args.collections or list(COLLECTIONS)
    if unknown := set(collections) - set(COLLECTIONS):
        parser.error(f"no such collection: {', '.join(sorted(unknown))}")
    if args.misses and any(c.startswith("holdout") for c in collections) and not args.show_holdout:
        parser.error("--misses would show the holdout pages; add --show-holdout to mean it")
    registry = Registry.load(PROJECT_ROOT / "seed_data" / "people.yaml")
    scores = {name: score_collection(name, registry) for name in collections}
    for line in table(scores):
        print(line)
    if args.misses:
        for name, score in scores.items():
            print(f"\n# {name}: {len(score.misses)} differences")
            for miss in score.misses:
                print(miss)


if __name__ == "__main__":
    main()

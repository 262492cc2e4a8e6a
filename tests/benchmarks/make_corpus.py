"""Write N distinct articles made from real texts, deterministically.

    python -m tests.benchmarks.make_corpus 10000 /tmp/corpus

The raw material is real: the seed articles (``seed_data/articles``) and the
development corpus of real news pages (``tests/corpus/dev/pages``), taken in
turn. Each copy is varied the way another day's report of the same kind would
differ, so that no two articles are alike and the extractor does its whole
work on every one:

* the people of the page are, now and then, swapped for others of the same
  country from ``seed_data/people.yaml`` (full names and surnames);
* the month names are shifted by the same number of months throughout;
* the paragraphs after the opening ones are, now and then, shuffled;
* a closing line unique to the copy is added.

The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from webapp import PROJECT_ROOT
from webapp.ingest import Registry
from webapp.ingest.dates import MONTH_NAMES
from webapp.ingest.people.registry import Person

SOURCES = (
    PROJECT_ROOT / "seed_data" / "articles",
    PROJECT_ROOT / "tests" / "corpus" / "dev" / "pages",
)
PEOPLE = PROJECT_ROOT / "seed_data" / "people.yaml"
#: the head of a page (chrome, title, byline, dateline) stays where it is
KEPT_PARAGRAPHS = 4
_MONTH = re.compile(r"\b(?:{})\b".format("|".join(MONTH_NAMES)))
CLOSINGS = (
    "This is report {n} of the day's coverage.",
    "Filed as item {n} by the desk.",
    "Reference number {n}.",
    "The story was updated at {h:02d}:{m:02d} (item {n}).",
)


def real_texts() -> list[str]:
    """The seed articles, then the development pages, in a stable order."""
    return [
        path.read_text(encoding="utf-8")
        for folder in SOURCES
        for path in sorted(folder.glob("*.txt"))
    ]


def people_by_country(registry: Registry) -> dict[str | None, list[Person]]:
    found: dict[str | None, list[Person]] = {}
    for person in registry.people:
        if " " in person.name and person.surname and person.surname != person.name:
            found.setdefault(person.country, []).append(person)
    return found


def swap_people(rng: random.Random, text: str, registry: Registry, pool) -> str:
    """Some people named in full swapped for others of their country."""
    for person in registry.people:
        if person.name not in text or len(pool.get(person.country, ())) < 2 or rng.random() < 0.5:
            continue
        other = rng.choice([p for p in pool[person.country] if p is not person])
        text = text.replace(person.name, other.name)
        text = re.sub(rf"\b{re.escape(person.surname)}\b", other.surname, text)
    return text


def shift_months(rng: random.Random, text: str) -> str:
    shift = rng.randrange(12)
    return _MONTH.sub(lambda m: MONTH_NAMES[(MONTH_NAMES.index(m[0]) + shift) % 12], text)


def shuffle_paragraphs(rng: random.Random, text: str) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) <= KEPT_PARAGRAPHS + 2 or rng.random() < 0.5:
        return text
    head, body = paragraphs[:KEPT_PARAGRAPHS], paragraphs[KEPT_PARAGRAPHS:]
    rng.shuffle(body)
    return "\n\n".join(head + body)


def closing(rng: random.Random, n: int) -> str:
    return rng.choice(CLOSINGS).format(n=n, h=rng.randrange(24), m=rng.randrange(60))


def vary(rng: random.Random, text: str, n: int, registry: Registry, pool) -> str:
    text = swap_people(rng, text, registry, pool)
    text = shift_months(rng, text)
    text = shuffle_paragraphs(rng, text)
    return f"{text.rstrip()}\n\n{closing(rng, n)}\n"


def make_corpus(count: int, folder: Path, seed: int = 42, people: Path | None = None) -> list[Path]:
    registry = Registry.load(people or PEOPLE)
    pool = people_by_country(registry)
    texts = real_texts()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:06d}.txt"
        path.write_text(vary(rng, texts[n % len(texts)], n, registry, pool), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = parser.parse_args()
    paths = make_corpus(args.count, args.folder, args.seed)
    print(f"wrote {len(paths)} articles to {args.folder}")


if __name__ == "__main__":
    main()

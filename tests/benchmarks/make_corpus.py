"""Write N realistic articles in the styles of the seed corpus, deterministically.

    python tests/benchmarks/make_corpus.py 10000 /tmp/corpus

Each article pairs two office holders of Russia and Kazakhstan from
``seed_data/people.yaml`` on a day when both held office, in one of four
styles: a TASS wire story with a dateline and no year, a header-dated wire
story, a Kazpravda report with a missing opening quote mark, and a government
transcript with speaker turns. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from datetime import timedelta
from pathlib import Path

from webapp import PROJECT_ROOT
from webapp.ingest import Registry
from webapp.ingest.people.registry import Person

CITIES = {
    "Russia": ["Moscow", "Sochi", "St Petersburg", "Kazan"],
    "Kazakhstan": ["Astana", "Almaty", "Shymkent"],
}
TOPICS = [
    "trade and economic cooperation",
    "the transport corridor",
    "energy projects",
    "the Eurasian Economic Union",
    "interregional ties",
    "industrial cooperation",
    "the digital agenda",
    "humanitarian contacts",
    "agricultural exports",
    "logistics",
]
QUOTES = [
    "We attach great importance to {topic} and will do everything to develop it further.",
    "Our countries are united by strong ties, and {topic} is a priority for us.",
    "I am confident that {topic} will bring new results for the citizens of both states.",
    "There is a lot of work ahead on {topic}, and we are ready for it.",
    "We have agreed to accelerate the work on {topic} this year.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def office_holders(registry: Registry, country: str, title: str) -> list[tuple[Person, date, date]]:
    found = []
    for person in registry.people:
        for position in person.positions:
            if position.country == country and position.title == title and not position.acting:
                start = max(position.start or date(2000, 1, 1), date(2010, 1, 1))
                end = min(position.end or date(2026, 6, 30), date(2026, 6, 30))
                if start < end:
                    found.append((person, start, end))
    return found


def pick_pair(rng: random.Random, registry: Registry):
    """Two office holders, one of each country, and a day both held office."""
    title = rng.choice(["Prime Minister", "President"])
    russians = office_holders(registry, "Russia", title)
    kazakhs = office_holders(registry, "Kazakhstan", title)
    while True:
        ru, ru_start, ru_end = rng.choice(russians)
        kz, kz_start, kz_end = rng.choice(kazakhs)
        start, end = max(ru_start, kz_start), min(ru_end, kz_end)
        if start < end:
            day = start + timedelta(days=rng.randrange((end - start).days))
            return title, ru, kz, day


def quote(rng: random.Random) -> str:
    return rng.choice(QUOTES).format(topic=rng.choice(TOPICS))


def tass(rng, title, ru, kz, day, n) -> str:
    city = rng.choice(CITIES["Russia"])
    q1, q2 = quote(rng), quote(rng)
    return (
        "All news\n\n"
        f"Russia and Kazakhstan discuss {rng.choice(TOPICS)} (report {n})\n\n"
        f"{ru.surname} and {kz.surname} met to discuss the bilateral agenda\n\n"
        f"{city.upper()}, {MONTHS[day.month - 1]} {day.day}. /TASS/. Russian {title} {ru.name} "
        f"held talks with the {title} of Kazakhstan {kz.name} in {city}.\n\n"
        f'"{q1[:-1]}," {ru.surname} said at the meeting.\n\n'
        f"{kz.surname} noted that {rng.choice(TOPICS)} is developing successfully.\n\n"
        f'"{q2}" the Kazakh {title} stressed.\n'
    )


def header(rng, title, ru, kz, day, n) -> str:
    city = rng.choice(CITIES["Kazakhstan"])
    return (
        f" date {day.isoformat()} Kazakh {title} {kz.name} on {day.strftime('%A')} said that "
        f"his country values {rng.choice(TOPICS)} with Russia.\n\n"
        f'"{quote(rng)[:-1]}," {kz.surname} said during his meeting with his visiting Russian '
        f"counterpart {ru.name} in {city}.\n\n"
        f"For his part, {ru.surname} expressed confidence that the governments will implement "
        f"the agreements (item {n}).\n\n"
        f'"{quote(rng)}" he added.\n'
    )


def kazpravda(rng, title, ru, kz, day, n) -> str:
    return (
        f" date {day.isoformat()} {kz.name} met with {title} of Russia {ru.name}, "
        "Kazpravda.kz reports.\n"
        f"During the meeting, issues of {rng.choice(TOPICS)} were considered (ref. {n}).\n"
        f'{quote(rng)[:-1]}," {kz.name} said.\n'
        f"In turn, {ru.name} said that the visit is of particular importance.\n"
        f'{quote(rng)[:-1]}," {ru.name} said.\n'
    )


def transcript(rng, title, ru, kz, day, n) -> str:
    city = rng.choice(CITIES["Kazakhstan"])
    caption = f"{ru.name} meets with {title} of Kazakhstan {kz.name}"
    turns = [
        f" date {day.isoformat()} RUSSIA, {MONTHS[day.month - 1]} {day.day} - "
        f"The conversation took place in {city}.\n",
        f"{kz.name}: Mr {ru.surname}, colleagues.\n",
        f"{caption} {day.day} {MONTHS[day.month - 1]} {day.year} Предыдущая новость "
        f"Следующая новость {caption}\n",
    ]
    turns += [quote(rng) + "\n" for _ in range(rng.randint(2, 5))]
    turns.append(f"{ru.name}: Once again, I greet you, Mr {kz.surname} (meeting {n}).\n")
    turns += [quote(rng) + "\n" for _ in range(rng.randint(2, 5))]
    return "\n".join(turns)


STYLES = (tass, header, kazpravda, transcript)


def make_corpus(count: int, folder: Path, seed: int = 42, people: Path | None = None) -> list[Path]:
    registry = Registry.load(people or PROJECT_ROOT / "seed_data" / "people.yaml")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        title, ru, kz, day = pick_pair(rng, registry)
        text = STYLES[n % len(STYLES)](rng, title, ru, kz, day, n)
        path = folder / f"{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
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

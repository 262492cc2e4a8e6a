"""Check the hand-written expected records: ``tests/ingest/expected/`` and the corpus.

The corpus of real pages (``tests/corpus/dev`` and the holdouts ``tests/corpus/holdout*``) has
its expected records beside its pages, in the same format plus a ``url``.

These files are the yardstick for the extractor, so they are checked on their
own: every quoted ``text`` must be in the article exactly as written and sit
between quote marks, every ``contains`` / ``starts`` / ``ends`` must be in the
article, every canonical name must be a ``person`` of
``seed_data/reference/positions.json``, and every dated meeting participant must
have held an office on that date. No extractor is imported.

The format is described in ``tests/ingest/expected/README.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.ingest.expected_records import COLLECTIONS
from tests.ingest.expected_records import article_path
from tests.ingest.expected_records import expected_files
from tests.ingest.expected_records import load
from webapp import PROJECT_ROOT
from webapp.ingest import gazetteer

EXPECTED = COLLECTIONS["seeds"][0]
SEEDS, OWN_ARTICLES = COLLECTIONS["seeds"][1]
CORPUS_SPLITS = ("dev", "holdout", "holdout2", "holdout3", "holdout5")
POSITIONS = PROJECT_ROOT / "seed_data" / "reference" / "positions.json"

OPENING_MARKS = '"\u201c\u00ab'  # " “ «
CLOSING_MARKS = '"\u201d\u00bb'  # " ” »
#: two single marks written for one double mark (‘’Frankly speaking, ...’’, Armenpress)
DOUBLED_SINGLE_MARKS = ("\u2018\u2019", "\u2019\u2019", "\u2018\u2018")
#: a source may be written in another script in the article
#: how a source shows in a text: its name, or a mark only that site carries
SOURCE_FORMS = {
    "TASS": ("TASS", "\u0422\u0410\u0421\u0421"),  # ТАСС
    "Government of Russia": (
        "Предыдущая новость Следующая новость",
        "Government House, Moscow",
        "government.ru",
        "Government of the Russian Federation",
        "Russian Federation Government",
    ),
    "Report.az": ("Report",),
    "Kremlin": (
        "Kremlin",
        "Official website of the President of Russia",
        "Official Internet Resources of the President of Russia",
        "Presidential Executive Office",
        "kremlin.ru",
    ),
}
#: a transcript turn label at the start of a line: "Alihan Smailov: ", possibly after
#: a title: "Prime Minister of Uzbekistan Abdulla Aripov: ", "President Ilham Aliyev: ",
#: "President of the Republic of Belarus Alexander Lukashenko: " (group 1 is the name)
TURN_LABEL = re.compile(
    r"^(?:(?:[A-Z][\w'\u2019-]+ )+(?:of (?:the )?(?:[A-Z][\w'\u2019-]+ )+)*)?"
    r"((?:[A-Z][\w'\u2019-]+ ){1,3}[A-Z][\w'\u2019-]+): ",
    re.M,
)

REQUIRED_KEYS = {
    "file",
    "title",
    "subtitle",
    "published",
    "source",
    "dateline_place",
    "people",
    "meetings",
    "statements",
    "notes",
}
OPTIONAL_KEYS = {"optional_people", "optional_meetings", "optional_statements", "url"}
MEETING_KEYS = {"participants", "date", "place", "occasion"}
KINDS = {"direct", "indirect", "transcript"}

EXPECTED_FILES = expected_files("seeds")
CORPUS_FILES = [path for split in CORPUS_SPLITS for path in expected_files(split)]


def _article_text(path: Path, name: str) -> str:
    """The article beside expected file ``path``: BOM removed, line endings as LF."""
    collection = next(c for c, (folder, _) in COLLECTIONS.items() if path.parent == folder)
    text = article_path(collection, name).read_bytes().decode("utf-8")
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _heading_spans(text: str, record: dict) -> list[tuple[int, int]]:
    """Where the title and subtitle stand; words there are not statements."""
    spans = []
    for key in ("title", "subtitle"):
        value = record.get(key)
        if value:
            start = text.find(value)
            while start != -1:
                spans.append((start, start + len(value)))
                start = text.find(value, start + 1)
    return spans


def _body_occurrences(text: str, needle: str, headings) -> list[int]:
    found = []
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        if not any(h0 <= start and end <= h1 for h0, h1 in headings):
            found.append(start)
        start = text.find(needle, start + 1)
    return found


def _person_names(entries) -> tuple[set[str], set[str]]:
    """(dictionary names, new names) of a people list."""
    known, new = set(), set()
    for entry in entries or ():
        if isinstance(entry, str):
            known.add(entry)
        else:
            assert set(entry) <= {"name", "new", "country"}, entry
            assert entry.get("new") is True, f"a dict entry must be a new person: {entry}"
            new.add(entry["name"])
    return known, new


def _parse_bound(value: str | None, *, end: bool) -> dt.date | None:
    """positions.json dates: YYYY-MM-DD, YYYY-MM or YYYY (None = open)."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


@pytest.fixture(scope="module")
def positions() -> list[dict]:
    if not POSITIONS.exists():
        pytest.fail(f"reference table not found at {POSITIONS}")
    return json.loads(POSITIONS.read_text(encoding="utf-8"))


@pytest.fixture(params=[*EXPECTED_FILES, *CORPUS_FILES], ids=lambda p: p.stem)
def case(request) -> tuple[dict, str]:
    record = load(request.param)
    assert record["file"] == request.param.stem + ".txt"
    if request.param in CORPUS_FILES:
        assert str(record.get("url", "")).startswith(("http://", "https://")), "url"
    return record, _article_text(request.param, record["file"])


# -- the set of files ---------------------------------------------------------


def test_readme_documents_the_format():
    readme = (EXPECTED / "README.md").read_text(encoding="utf-8")
    for word in ("optional_statements", "optional_meetings", "transcript", "contains"):
        assert word in readme


def test_every_seed_has_an_expected_file():
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert seeds, "no seed articles found"
    missing = [s for s in seeds if not (EXPECTED / f"{s}.yaml").exists()]
    assert not missing


def test_own_articles_and_expected_files_pair_up():
    articles = {p.stem for p in OWN_ARTICLES.glob("*.txt")}
    expected = {p.stem for p in EXPECTED_FILES if not (SEEDS / f"{p.stem}.txt").exists()}
    assert articles == expected
    assert len(articles) >= 10
    for stem in articles:
        assert re.fullmatch(r"\d{3}_[a-z0-9_]+", stem) and int(stem[:3]) >= 100, stem


def test_own_articles_are_120_to_400_words():
    for path in sorted(OWN_ARTICLES.glob("*.txt")):
        words = len(path.read_bytes().decode("utf-8").removeprefix("\ufeff").split())
        assert 120 <= words <= 400, f"{path.name}: {words} words"


def test_corpus_pages_and_expected_files_pair_up():
    for split in CORPUS_SPLITS:
        folder, (pages_folder,) = COLLECTIONS[split]
        pages = {p.stem for p in pages_folder.glob("*.txt")}
        expected = {p.stem for p in folder.glob("*.yaml")}
        assert pages == expected, split
        for stem in pages:
            assert re.fullmatch(r"\d{3}_[a-z0-9_]+", stem), stem
    urls = [load(path)["url"] for path in CORPUS_FILES]
    assert len(urls) == len(set(urls)), "a page is in the corpus twice"


def test_corpus_keeps_a_crlf_file_and_a_bom_file():
    raws = [p.read_bytes() for p in OWN_ARTICLES.glob("*.txt")]
    assert any(b"\r\n" in raw for raw in raws)
    assert any(raw.startswith(b"\xef\xbb\xbf") for raw in raws)


# -- one expected file ----------------------------------------------------------


def test_keys_and_header_fields(case):
    record, text = case
    assert REQUIRED_KEYS <= set(record), REQUIRED_KEYS - set(record)
    assert set(record) <= REQUIRED_KEYS | OPTIONAL_KEYS
    assert record["published"] is None or isinstance(record["published"], dt.date)
    for key in ("title", "subtitle"):
        value = record[key]
        assert value is None or (isinstance(value, str) and value in text), (key, value)
    if record["source"] is not None:
        forms = SOURCE_FORMS.get(record["source"], (record["source"],))
        assert any(form.lower() in text.lower() for form in forms), record["source"]
    if record["dateline_place"] is not None:
        assert record["dateline_place"].lower() in text.lower()
    assert isinstance(record["notes"], str) and record["notes"].strip()


def test_people_are_listed_once(case):
    record, text = case
    for key in ("people", "optional_people"):
        entries = record.get(key) or []
        names = [e if isinstance(e, str) else e["name"] for e in entries]
        assert len(names) == len(set(names)), key
    known, new = _person_names(record["people"])
    optional_known, optional_new = _person_names(record.get("optional_people"))
    assert not (known | new) & (optional_known | optional_new)
    for name in new | optional_new:
        assert name in text, f"new person {name!r} is not named in the article"


def _meetings(record):
    for key in ("meetings", "optional_meetings"):
        for meeting in record.get(key) or []:
            yield key, meeting


def test_meetings(case):
    record, text = case
    known, new = _person_names(record["people"])
    optional_known, optional_new = _person_names(record.get("optional_people"))
    everyone = known | new | optional_known | optional_new
    seen = []
    for key, meeting in _meetings(record):
        assert set(meeting) == MEETING_KEYS, meeting
        participants = meeting["participants"]
        if key == "meetings":
            assert len(participants) >= 2, meeting
        assert len(participants) == len(set(participants))
        assert set(participants) <= everyone, set(participants) - everyone
        assert meeting["date"] is None or isinstance(meeting["date"], dt.date)
        place, occasion = meeting["place"], meeting["occasion"]
        assert place is None or _named_in(text, place), ("place", place)
        assert occasion is None or occasion.lower() in text.lower(), ("occasion", occasion)
        signature = (frozenset(participants), meeting["date"], (meeting["place"] or "").lower())
        assert signature not in seen, f"meeting listed twice: {meeting}"
        seen.append(signature)


def _named_in(text: str, place: str) -> bool:
    """The city, or one of its venues ("the Great Hall of the People": Beijing), is in the text."""
    lowered = text.lower()
    if place.lower() in lowered:
        return True
    return any(
        name.city == place and word in lowered for word, name in gazetteer.places().names.items()
    )


def _statements(record):
    for key in ("statements", "optional_statements"):
        for statement in record.get(key) or []:
            yield key, statement


def _check_direct(text, headings, statement):
    if "text" in statement:
        quote = statement["text"]
        assert quote == quote.strip() and quote, statement
        ok = False
        for start in _body_occurrences(text, quote, headings):
            # an opening mark, or a paragraph start when the mark is missing (003)
            if _opened_at(text, start) and _closed_at(text, start + len(quote)):
                ok = True
        assert ok, f"not found between quote marks in the body: {quote!r}"
    else:
        starts, ends = statement["starts"], statement["ends"]
        first = _body_occurrences(text, starts, headings)
        assert first, starts
        start = first[0]
        assert _opened_at(text, start), starts
        end = text.find(ends, start)
        assert end != -1, ends
        stop = end + len(ends)
        # a closing mark; or the paragraph's end, for a quote left open there that the next
        # paragraph does not reopen, or a page cut off inside a quote
        assert _closed_at(text, stop) or text[stop : stop + 1] in ("\n", ""), ends


def _opened_at(text: str, start: int) -> bool:
    before = text[start - 1] if start else "\n"
    doubled = text[start - 2 : start] in DOUBLED_SINGLE_MARKS
    return before in OPENING_MARKS or before == "\n" or doubled


def _closed_at(text: str, stop: int) -> bool:
    after = text[stop : stop + 1]
    doubled = text[stop : stop + 2] in DOUBLED_SINGLE_MARKS
    return bool(after) and after in CLOSING_MARKS or doubled


def _check_transcript(text, headings, statement, aliases):
    starts, ends = statement["starts"], statement["ends"]
    occurrences = _body_occurrences(text, starts, headings)
    assert len(occurrences) == 1, f"turn start must be unique: {starts!r}"
    start = occurrences[0]
    line_start = text.rfind("\n", 0, start) + 1
    label = TURN_LABEL.match(text, line_start)
    assert label and label.end() == start, f"no 'Name: ' label before {starts!r}"
    if aliases is not None:
        assert aliases.get(label.group(1), label.group(1)) == statement["speaker"], label.group(1)
    end = text.find(ends, start)
    assert end != -1, ends
    stop = end + len(ends)
    assert stop == len(text.rstrip()) or text[stop] == "\n", f"{ends!r} must end a paragraph"
    between = text[start:stop]
    assert not TURN_LABEL.search(between), "a turn must not run into the next turn"
    return start, stop


def test_statements(case):
    record, text = case
    headings = _heading_spans(text, record)
    known, new = _person_names(record["people"])
    optional_known, optional_new = _person_names(record.get("optional_people"))
    everyone = known | new | optional_known | optional_new
    turns = []
    seen = set()
    for key, statement in _statements(record):
        kind = statement["kind"]
        assert kind in KINDS, statement
        unknown = key == "optional_statements" and statement["speaker"] is None
        assert unknown or statement["speaker"] in everyone, statement["speaker"]
        if kind == "direct":
            assert ("text" in statement) != ("starts" in statement), statement
            _check_direct(text, headings, statement)
            ident = statement.get("text") or statement["starts"]
        elif kind == "indirect":
            assert set(statement) == {"speaker", "kind", "contains"}, statement
            assert _body_occurrences(text, statement["contains"], headings), statement
            ident = statement["contains"]
        else:
            assert set(statement) == {"speaker", "kind", "starts", "ends"}, statement
            turns.append(_check_transcript(text, headings, statement, aliases=None))
            ident = statement["starts"]
        assert (kind, ident) not in seen, f"statement listed twice: {ident!r}"
        seen.add((kind, ident))
    turns.sort()
    for (_, stop), (start, _) in zip(turns, turns[1:], strict=False):
        assert stop <= start, "transcript turns overlap"


# -- against the reference table -------------------------------------------------


def _alias_table(positions) -> dict[str, str]:
    table = {}
    for row in positions:
        table[row["person"]] = row["person"]
        for alias in row["aliases"]:
            table[alias] = row["person"]
    return table


def test_names_are_canonical(case, positions):
    record, _ = case
    canonical = {row["person"] for row in positions}
    aliases = _alias_table(positions)
    known, new = _person_names(record["people"])
    optional_known, optional_new = _person_names(record.get("optional_people"))
    assert known | optional_known <= canonical, (known | optional_known) - canonical
    for name in new | optional_new:
        assert name not in aliases, f"{name!r} is in the dictionary; it is not new"


def test_transcript_labels_name_the_speaker(case, positions):
    record, text = case
    headings = _heading_spans(text, record)
    aliases = _alias_table(positions)
    for _key, statement in _statements(record):
        if statement["kind"] == "transcript":
            _check_transcript(text, headings, statement, aliases=aliases)


def test_participants_held_office_on_the_meeting_date(case, positions):
    record, _ = case
    known, _new = _person_names(record["people"])
    optional_known, _ = _person_names(record.get("optional_people"))
    dictionary = known | optional_known
    for _key, meeting in _meetings(record):
        day = meeting["date"]
        if day is None:
            continue
        for person in meeting["participants"]:
            if person not in dictionary:
                continue  # a new person has no rows
            rows = [r for r in positions if r["person"] == person]
            assert any(
                _parse_bound(r["from"], end=False) <= day
                and (r["to"] is None or day <= _parse_bound(r["to"], end=True))
                for r in rows
            ), f"{person} held no listed office on {day}"

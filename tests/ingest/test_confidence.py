"""Every confidence lives in ``webapp.ingest.confidence``, ordered as its evidence is strong."""

from __future__ import annotations

import ast

from tests.ingest.test_boundaries import INGEST
from webapp.ingest import confidence


def float_literals(path) -> list[tuple[int, float]]:
    """Floats written in function bodies; a module-level named constant is a setting, not one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Constant) and type(inner.value) is float:
                    found.append((inner.lineno, inner.value))
    return found


def test_no_confidence_is_written_outside_the_table() -> None:
    written = {
        f"{path.relative_to(INGEST)}:{line}": value
        for path in sorted(INGEST.rglob("*.py"))
        if path.name != "confidence.py"
        for line, value in float_literals(path)
        if 0 < value < 1 or value == 1.0
    }
    # 1.0 as "no factor" for a quote with its opening mark is not a confidence
    assert set(written.values()) <= {1.0}, written


def test_every_value_is_a_probability() -> None:
    assert confidence.TABLE
    assert all(0 < value <= 1 for value in confidence.TABLE.values())


def test_the_order_follows_the_strength_of_the_evidence() -> None:
    c = confidence
    assert c.NAME > c.ALIAS > c.SURNAME_UNIQUE > c.FUZZY > c.SURNAME_SHARED > c.NEW
    assert c.ROLE > c.ROLE_INFERRED
    assert c.TRANSCRIPT >= c.DIRECT_CUED > c.DIRECT_SENTENCE_SPEAKER > c.DIRECT_CONTINUED
    assert c.INDIRECT_CUED > c.INDIRECT_PARTICIPLE
    assert c.MEETING_VERB > c.MEETING_TALKS >= c.MEETING_VISIT > c.OCCASION_ONLY
    assert c.MISSING_MARK < 1
    # quotes that are seldom statements come before every other kind in the review queue
    lowest_statement = min(c.DIRECT_CONTINUED * c.MISSING_MARK, c.INDIRECT_PARTICIPLE, c.NEW)
    assert c.SCARE_QUOTE < c.NESTED_QUOTE < lowest_statement

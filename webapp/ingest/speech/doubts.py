"""Quotes that are seldom statements: scare quotes, and quotes inside another statement.

A direct quote of one to three words ("a 'fruitful' meeting") is usually a
word the writer marks, not something said; a quote inside another statement
(a phrase quoted within reported speech or a transcript turn) repeats words
already recorded. Both stay, flagged and ranked as doubtful, so that an
editor sees them early in the review queue. The review screens call the same
functions on stored rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from webapp.ingest import confidence
from webapp.ingest.records import Statement
from webapp.ingest.records import StatementKind

#: a direct quote of fewer words than this is a scare quote
SCARE_QUOTE_WORDS = 4


def is_scare_quote(kind: StatementKind | str, words: str) -> bool:
    return StatementKind(kind) is StatementKind.DIRECT and len(words.split()) < SCARE_QUOTE_WORDS


def nested(spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """{index of a span: index of the shortest span strictly around it}, for those inside one."""
    around: dict[int, int] = {}
    for inner, (start, end) in enumerate(spans):
        best = None
        for outer, (outer_start, outer_end) in enumerate(spans):
            if outer == inner or not (outer_start <= start and end <= outer_end):
                continue
            if outer_end - outer_start <= end - start:
                continue
            if best is None or outer_end - outer_start < spans[best][1] - spans[best][0]:
                best = outer
        if best is not None:
            around[inner] = best
    return around


def with_doubts(text: str, statements: Sequence[Statement]) -> list[Statement]:
    """``statements`` with the confidence of scare quotes and nested quotes lowered."""
    inside = nested([(s.start, s.end) for s in statements])
    result = []
    for index, statement in enumerate(statements):
        level = statement.confidence
        if is_scare_quote(statement.kind, text[statement.start : statement.end]):
            level = min(level, confidence.SCARE_QUOTE)
        if index in inside:
            level = min(level, confidence.NESTED_QUOTE)
        if level != statement.confidence:
            statement = dataclasses.replace(statement, confidence=level)
        result.append(statement)
    return result

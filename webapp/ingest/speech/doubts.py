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
    """{index of a span: index of a longer span around it}, for the spans inside another.

    One sweep in order of start (the longer first at a tie), with a stack of
    the spans still open: a span popped because it ends too soon is replaced
    by the one that popped it, which holds whatever the popped span would
    have held from there on. Identical spans are not around one another.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    around: dict[int, int] = {}
    stack: list[int] = []
    for index in order:
        span = spans[index]
        while stack and spans[stack[-1]][1] < span[1]:
            stack.pop()
        if stack and spans[stack[-1]] == span:
            if len(stack) > 1:
                around[index] = stack[-2]
            continue
        if stack:
            around[index] = stack[-1]
        stack.append(index)
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

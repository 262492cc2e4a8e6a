"""Vocabularies shared by the extractor and the schema: how a mention was found, kinds of speech.

The ingest records and the models both store these values, so they live
below both; this module imports nothing of Parley's.
"""

from __future__ import annotations

from enum import StrEnum


class How(StrEnum):
    """How a mention of a person was found in the text."""

    NAME = "name"  # the canonical name, as in the dictionary
    ALIAS = "alias"  # a listed alias: another spelling, a name and patronymic
    SURNAME = "surname"  # a surname alone, after a fuller mention
    FUZZY = "fuzzy"  # a transliteration variant matched by similarity
    ROLE = "role"  # a role noun resolved through dated positions
    PRONOUN = "pronoun"  # he, she, his
    NEW = "new"  # a name that is not in the dictionary


class StatementKind(StrEnum):
    DIRECT = "direct"  # words inside quote marks
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    TRANSCRIPT = "transcript"  # a speaker turn: "Name: ..."

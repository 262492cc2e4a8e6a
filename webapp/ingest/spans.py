"""Positions in the clean text: sorted spans, and mentions found by where they stand."""

from __future__ import annotations

from bisect import bisect_left
from bisect import bisect_right
from collections.abc import Sequence

from webapp.ingest.records import Mention


class Spans:
    """Sorted, non-overlapping spans with a fast membership test."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [span[0] for span in self.spans]

    def covering(self, position: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and self.spans[index][0] <= position < self.spans[index][1]:
            return self.spans[index]
        return None


class MentionIndex:
    """The mentions of one article, searchable by position."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        phrase_starts: dict[int, int],
    ) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda mention: (mention.start, mention.end))
        self.starts = [mention.start for mention in self.mentions]
        self.ends = sorted((mention.end, index) for index, mention in enumerate(self.mentions))
        self.end_keys = [item[0] for item in self.ends]
        self.phrase_starts = phrase_starts

    def starting_at(self, position: int) -> Mention | None:
        index = bisect_left(self.starts, position)
        if index < len(self.mentions) and self.mentions[index].start == position:
            return self.mentions[index]
        return None

    def ending_before(self, position: int, floor: int) -> Mention | None:
        index = bisect_right(self.end_keys, position) - 1
        while index >= 0:
            mention = self.mentions[self.ends[index][1]]
            if mention.end <= floor:
                return None
            if mention.start >= floor:
                return mention
            index -= 1
        return None

    def within(self, start: int, end: int) -> list[Mention]:
        low = bisect_left(self.starts, start)
        high = bisect_left(self.starts, end)
        return [mention for mention in self.mentions[low:high] if mention.end <= end]

    def phrase_start(self, mention: Mention) -> int:
        return self.phrase_starts.get(mention.start, mention.start)

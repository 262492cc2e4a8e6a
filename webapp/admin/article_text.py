"""An article's clean text with its statements and mentions highlighted.

Statements and mentions may overlap or nest (a name inside a quote), so the
text is cut at every span boundary and each piece is wrapped in every span
that covers it. The innermost span is the link, so that no link sits inside
another; the outer ones still colour the piece. A statement's first piece
carries the id ``statement-<id>``, a mention's ``mention-<id>``, which a link's
fragment scrolls to; a mention's piece names its person in ``data-person``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from markupsafe import escape

#: how many distinct colours the reading page's stylesheet defines (``.pc-0`` to ``.pc-9``)
PALETTE_SIZE = 10
#: the colour class for a statement nobody could be attributed to
UNKNOWN = "pc-none"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    #: "statement" or "mention": statements are filled, mentions underlined
    kind: str
    #: the statement's or the mentioned person's id
    record_id: int
    colour: str
    href: str
    title: str
    #: more class names: the review status, ``hl-nested`` for a quote inside another statement
    classes: str = ""
    #: a mention's person (its ``record_id`` is the mention's own id)
    person: int | None = None


@dataclass(frozen=True)
class Segment:
    text: str
    spans: tuple[Span, ...]


def colours(person_ids: Iterable[int | None]) -> dict[int, str]:
    """A colour class per person, in order of first appearance; the same input, the same colours."""
    assigned: dict[int, str] = {}
    for person_id in person_ids:
        if person_id is not None and person_id not in assigned:
            assigned[person_id] = f"pc-{len(assigned) % PALETTE_SIZE}"
    return assigned


def _nesting(span: Span) -> tuple[int, int, int]:
    """Outer spans first: statements around mentions, longer around shorter."""
    return (0 if span.kind == "statement" else 1, -(span.end - span.start), span.start)


def segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece carries the spans covering it."""
    length = len(text)
    starting: dict[int, list[Span]] = defaultdict(list)
    cuts = {0, length}
    for span in spans:
        end = min(span.end, length)
        if 0 <= span.start < end:
            starting[span.start].append(span)
            cuts.update((span.start, end))
    ordered = sorted(cuts)
    pieces = []
    active: list[Span] = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        active = [span for span in active if span.end > start] + starting[start]
        pieces.append(Segment(text[start:end], tuple(sorted(active, key=_nesting))))
    return pieces


def containers(statements: Iterable[tuple[int, int, int]]) -> dict[int, list[int]]:
    """For each statement (id, start, end) inside another, the ids of the statements around it.

    A quote inside reported speech is one. Of two statements on the same words,
    the older is the outer. An article has a handful of statements, so every
    pair is compared.
    """
    rows = list(statements)
    around: dict[int, list[int]] = {}
    for inner_id, inner_start, inner_end in rows:
        outer = [
            outer_id
            for outer_id, start, end in rows
            if start <= inner_start
            and inner_end <= end
            and (end - start, -outer_id) > (inner_end - inner_start, -inner_id)
        ]
        if outer:
            around[inner_id] = outer
    return around


def _attributes(span: Span, first: bool) -> str:
    kind = escape(span.kind)
    record = int(span.record_id)
    anchor = f' id="{kind}-{record}"' if first else ""
    extra = f" {escape(span.classes)}" if span.classes else ""
    person = f' data-person="{int(span.person)}"' if span.person is not None else ""
    return (
        f'class="hl hl-{kind} {escape(span.colour)}{extra}"{anchor} '
        f'data-{kind}="{record}"{person} title="{escape(span.title)}"'
    )


def render(pieces: Iterable[Segment]) -> Markup:
    """The highlighted text as HTML; every piece of text and attribute value is escaped.

    Built with ``escape`` and plain strings rather than ``Markup.format``, which
    costs ten times as much per piece: a long article has a thousand pieces.
    """
    html = []
    seen: set[tuple[str, int]] = set()

    def first(span: Span) -> bool:
        key = (span.kind, span.record_id)
        if key in seen:
            return False
        seen.add(key)
        return True

    for piece in pieces:
        if not piece.spans:
            html.append(escape(piece.text))
            continue
        *outer, inner = piece.spans
        html.extend(f"<span {_attributes(span, first(span))}>" for span in outer)
        html.append(
            f'<a {_attributes(inner, first(inner))} href="{escape(inner.href)}">'
            f"{escape(piece.text)}</a>"
        )
        html.append("</span>" * len(outer))
    return Markup("".join(html))

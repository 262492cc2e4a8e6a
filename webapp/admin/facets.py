"""Facets beside a list, as Datasette shows them: each value of a column, how many rows have
it, and a link that filters the list to it.

Datasette counts a facet over every matching row, giving up after 200 ms. At
a million statements that is a scan of the table per facet, and the time
limit is always reached. Here the facets count the newest ``FACET_ROWS``
matching rows, read once for all of them (reading 10,000 would cost some
20 ms, more than the rest of the page): when the list has at most that many
rows the counts are exact, and when it has more the panel says that they are
counted among the newest ``FACET_ROWS``, as the list's count says "10,000+".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import request
from flask import url_for
from sqlalchemy.orm import lazyload

from webapp.db import db

#: values shown per facet, the most frequent first
FACET_SIZE = 10
#: the newest matching rows the facets count
FACET_ROWS = 1_000


@dataclass(frozen=True)
class Facet:
    """A value to count, and the list filter (``flt0_<arg>=value``) that selects one value."""

    title: str
    #: a SQL expression on the list's model: a column, or a band of one (``case``)
    expression: Any
    arg: str
    #: {value: label} for the values shown; None shows the values themselves
    labels: Callable[[list[Any]], dict[Any, str]] | None = None
    #: the value as read back (counted values come back as text): ``int`` for ids
    parse: Callable[[str], Any] = str
    #: show these values in this order instead of the most frequent first
    order: Sequence[Any] | None = None
    #: the filter's value for a shown value (an enum member's name, say); the value itself
    arg_value: Callable[[Any], str] = str


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: int
    href: str
    selected: bool


@dataclass
class FacetCounts:
    title: str
    values: list[FacetValue] = field(default_factory=list)
    #: values beyond the ``FACET_SIZE`` shown
    more: int = 0


@dataclass
class Facets:
    facets: list[FacetCounts]
    #: the rows counted: at most ``FACET_ROWS``
    counted: int
    #: whether more rows match than were counted
    capped: bool


def filter_args() -> list[tuple[str, str]]:
    """The list's filter arguments as (key without ``fltN_``, value), in their order."""
    found = []
    for name, value in request.args.items(multi=True):
        position, _, key = name[3:].partition("_")
        if name.startswith("flt") and position.isdigit() and key:
            found.append((int(position), key, value))
    return [(key, value) for _, key, value in sorted(found)]


def with_filter(base: str, arg: str, value: Any, selected: bool) -> str:
    """The list's URL (``base``, its path) with the filter ``arg=value`` added, or removed when
    ``selected``; its search, sort and page size kept, its page number dropped."""
    current = filter_args()
    if selected:
        current = [(key, v) for key, v in current if (key, v) != (arg, str(value))]
    else:
        current.append((arg, str(value)))
    args = [
        (key, v)
        for key, v in request.args.items(multi=True)
        if not key.startswith("flt") and key != "page"
    ]
    args += [(f"flt{i}_{key}", v) for i, (key, v) in enumerate(current)]
    return f"{base}?{urlencode(args)}" if args else base


def count_facets(query, key_column, facets: Sequence[Facet], endpoint: str, listed: int) -> Facets:
    """Count ``facets`` among the newest ``FACET_ROWS`` rows of the list's ``query``.

    ``query`` is the list's query with its filters and search, before paging;
    ``listed`` is the list's (capped) count.
    One SELECT reads those rows' facet values once (a materialised CTE) and
    groups them per facet; labels are read for the values shown only.
    """
    sample = (
        query.limit(None)
        .offset(None)
        .order_by(None)
        .options(lazyload("*"))
        .with_entities(*(f.expression.label(f"f{i}") for i, f in enumerate(facets)))
        .order_by(key_column.desc())
        .limit(FACET_ROWS)
        .cte("facet_sample")
        .prefix_with("MATERIALIZED")
    )
    total = sa.select(
        sa.literal(-1), sa.literal(None, sa.String), sa.func.count(), sa.literal(0)
    ).select_from(sample)
    arms = [total]
    for i in range(len(facets)):
        value = sample.c[f"f{i}"]
        grouped = (
            sa.select(value.label("value"), sa.func.count().label("n"))
            .where(value.is_not(None))
            .group_by(value)
            .subquery()
        )
        top = (
            sa.select(
                sa.literal(i).label("facet"),
                sa.cast(grouped.c.value, sa.String).label("value"),
                grouped.c.n,
                sa.func.count().over().label("values"),
            )
            .order_by(grouped.c.n.desc(), grouped.c.value)
            .limit(FACET_SIZE)
            .subquery()
        )
        arms.append(sa.select(top))
    counts: list[Counter] = [Counter() for _ in facets]
    distinct = [0 for _ in facets]
    counted = 0
    for position, value, count, values in db.session.execute(sa.union_all(*arms)):
        if position < 0:
            counted = count
        else:
            counts[position][facets[position].parse(value)] = count
            distinct[position] = values
    chosen = set(filter_args())
    base = url_for(endpoint)
    return Facets(
        [
            facet_counts(facet, found, values, chosen, base)
            for facet, found, values in zip(facets, counts, distinct, strict=True)
        ],
        counted,
        listed > FACET_ROWS,
    )


def facet_counts(
    facet: Facet, counts: Counter, values_counted: int, chosen: set, base: str
) -> FacetCounts:
    if facet.order is not None:
        shown = [value for value in facet.order if counts[value]]
    else:
        shown = [value for value, _ in counts.most_common(FACET_SIZE)]
    labels = facet.labels(shown) if facet.labels else {}
    values = []
    for value in shown:
        arg_value = facet.arg_value(value)
        selected = (facet.arg, arg_value) in chosen
        values.append(
            FacetValue(
                labels.get(value, str(value)),
                counts[value],
                with_filter(base, facet.arg, arg_value, selected),
                selected,
            )
        )
    return FacetCounts(facet.title, values, max(0, values_counted - len(shown)))


def labels_of(statement: sa.Select) -> Callable[[list[Any]], dict[Any, str]]:
    """Labels read with ``statement``, a SELECT of (id, label) for ``:ids`` (expanding)."""

    def read(ids: list[Any]) -> dict[Any, str]:
        if not ids:
            return {}
        rows = db.session.connection().execute(statement, {"ids": ids})
        return {row[0]: row[1] for row in rows}

    return read

"""One colour per person, the same on every page: a CSS class derived from the person's id.

``webapp/static/person-colours.css`` defines ``.person-colour-0`` to
``.person-colour-11`` (each sets ``--person-colour``) and ``.person-colour-none``
for a statement nobody could be attributed to. A page that highlights a person
adds the class ``person_colour(person_id)`` to the element and includes the
stylesheet; the colour then follows the person from list to list and article
to article, unlike a palette assigned in order of appearance on one page.
"""

from __future__ import annotations

#: how many colours the stylesheet defines
PERSON_COLOURS = 12
NO_PERSON = "person-colour-none"


def person_colour(person_id: int | None) -> str:
    """The CSS class of a person's colour; ``NO_PERSON`` for None."""
    if person_id is None:
        return NO_PERSON
    return f"person-colour-{int(person_id) % PERSON_COLOURS}"

"""Stage 2, people: the actor dictionary, and the people an article names (mentions).

:func:`scan` finds names and role phrases without a date; :func:`resolve`
turns them into mentions on the article's date, once that date is known.
"""

from webapp.ingest.people.mentions import ResolvedPeople
from webapp.ingest.people.mentions import Scan
from webapp.ingest.people.mentions import resolve
from webapp.ingest.people.mentions import scan
from webapp.ingest.people.registry import Registry
from webapp.ingest.people.registry import RegistryError

__all__ = ["Registry", "RegistryError", "ResolvedPeople", "Scan", "resolve", "scan"]

"""Text in, records out: the extractor, with no database and no Flask.

The front door for the rest of Parley::

    registry = Registry.load("seed_data/people.yaml")
    document = read_path(path)              # stage 1, read
    extraction = extract(document, registry)  # stages 2-4: people, speech, meetings

``docs/architecture.md`` describes the stages; ``records`` the dataclasses
they pass along; ``normalise`` is the key under which names compare.
"""

from webapp.ingest.meetings import same_meeting
from webapp.ingest.people import Registry
from webapp.ingest.people import RegistryError
from webapp.ingest.pipeline import extract
from webapp.ingest.pipeline import extract_text
from webapp.ingest.read import MAX_BYTES
from webapp.ingest.read import Given
from webapp.ingest.read import GivenError
from webapp.ingest.read import ReadError
from webapp.ingest.read import given
from webapp.ingest.read import read_bytes
from webapp.ingest.read import read_path
from webapp.ingest.records import Document
from webapp.ingest.records import Extraction
from webapp.ingest.text import normalise

__all__ = [
    "MAX_BYTES",
    "Document",
    "Extraction",
    "Given",
    "GivenError",
    "ReadError",
    "Registry",
    "RegistryError",
    "extract",
    "extract_text",
    "given",
    "read_bytes",
    "normalise",
    "read_path",
    "same_meeting",
]

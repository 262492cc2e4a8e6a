"""Stage 1, read: a file's bytes become a Document (clean text, title, date, source, dateline)."""

from webapp.ingest.read.given import Given
from webapp.ingest.read.given import GivenError
from webapp.ingest.read.given import given
from webapp.ingest.read.outlets import publisher_country
from webapp.ingest.read.reader import MAX_BYTES
from webapp.ingest.read.reader import ReadError
from webapp.ingest.read.reader import read_bytes
from webapp.ingest.read.reader import read_path

__all__ = [
    "MAX_BYTES",
    "Given",
    "GivenError",
    "ReadError",
    "given",
    "publisher_country",
    "read_bytes",
    "read_path",
]

"""Stage 3, speech: transcript turns, direct quotes and reported speech, with their speakers."""

from webapp.ingest.speech.quotes import Speech
from webapp.ingest.speech.quotes import find_statements

__all__ = ["Speech", "find_statements"]

"""Check the corpus's expected records against their pages: ``python tests/corpus/check.py``.

The checks are those of ``tests/ingest/test_expected_files.py``, which the test
suite also runs; this runs only them, with a short report.
"""

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    sys.exit(pytest.main(["-q", "--no-header", str(TESTS / "ingest" / "test_expected_files.py")]))

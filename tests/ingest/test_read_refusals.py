"""Files that are not articles are refused with the reason; hostile input stays bounded."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tests.scaling import assert_linear
from tests.scaling import smaller
from webapp.ingest.read.reader import MAX_BYTES
from webapp.ingest.read.reader import ReadError
from webapp.ingest.read.reader import read_bytes
from webapp.ingest.read.reader import read_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seed_data" / "articles"
NBSP = "\u00a0"


# --- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "empty (whitespace only)"),
        (b"\xef\xbb\xbf", "empty (only a BOM)"),
        (b"\xef\xbb\xbf \n", "empty (whitespace only)"),
        (b"Tokayev\x00met Putin", "binary (NUL byte at offset 7)"),
        (bytes(range(1, 9)) * 50 + b"text", "binary (400 control characters in 404)"),
        ("Café in Almaty".encode("latin-1"), "not UTF-8 (invalid byte 0xe9 at offset 3)"),
        (b"\xef\xbb\xbfab\xff", "not UTF-8 (invalid byte 0xff at offset 5)"),
        ("Hello".encode("utf-16"), "not UTF-8 (UTF-16 or UTF-32 byte-order mark)"),
        (
            b"All news\n\n33 \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd0\xbc\xd0\xbe\xd1\x82\xd1\x80\xd0"
            b"\xbe\xd0\xb2\nSubscribe to Big Asia Newsletters\n",
            "no body text after removing site chrome",
        ),
        (b"***\n---\n...", "no body text after removing site chrome"),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes("bad.txt", data)
    assert caught.value.file == "bad.txt"
    assert caught.value.reason == reason
    assert str(caught.value) == f"bad.txt: {reason}"


def test_read_error_is_a_value_error_and_pickles() -> None:
    error = ReadError("bad.txt", "empty file")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.reason, str(copy)) == ("bad.txt", "empty file", "bad.txt: empty file")


def test_over_size_bytes_are_refused() -> None:
    with pytest.raises(ReadError, match=rf"big.txt: too large \({MAX_BYTES + 1} bytes"):
        read_bytes("big.txt", b"a" * (MAX_BYTES + 1))


def test_exactly_max_bytes_is_read() -> None:
    assert read_bytes("max.txt", b"a" * MAX_BYTES).text == "a" * MAX_BYTES


def test_over_size_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 * MAX_BYTES)  # sparse: reading it whole would be noticed
    with pytest.raises(ReadError, match=r"huge.txt: too large"):
        read_path(path)


def test_symlink_is_refused_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(SEEDS / "000_bc75cffa8b8ea9a8.txt")
    with pytest.raises(ReadError) as caught:
        read_path(link)
    assert caught.value.file == "link.txt"
    assert caught.value.reason == "symbolic link (not followed)"


def test_directory_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(tmp_path)
    with pytest.raises(ReadError, match=r"absent.txt: cannot read \(No such file"):
        read_path(tmp_path / "absent.txt")


def test_read_path_uses_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"Leaders meet\n\nThe talks began.")
    document = read_path(path)
    assert document.file == "note.txt"
    assert document.text == "The talks began."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_path(fifo)


# --- hostile input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"a" * (1024 * 1024), id="1MB-line"),
        pytest.param(b"word " * 200_000, id="1MB-words"),
        pytest.param(b'a"' * 100_000, id="quotes"),
        pytest.param(b'"' * 100_000 + b"a", id="only-quotes"),
        pytest.param(b"A: " * 100_000, id="colons"),
        pytest.param(b"Ab Cd: " * 100_000, id="turns"),
        pytest.param(b"MOSCOW, March 4 " * 60_000, id="datelines"),
        pytest.param(b"A, " * 300_000, id="commas"),
        pytest.param(b"Mr. " * 250_000, id="abbreviations"),
        pytest.param(b"TASS Kremlin reports " * 40_000, id="sources"),
        pytest.param(b"X meets Y in the city 1 February 2024 " * 20_000, id="captions"),
        pytest.param(b"a\n" * 200_000, id="many-lines"),
        pytest.param(b"A" + b" " * (1024 * 1024) + b"B", id="spaces"),
    ],
)
def test_hostile_input_is_bounded(data: bytes) -> None:
    def read(data: bytes) -> None:
        try:
            document = read_bytes("hostile.txt", data)
        except ReadError:
            pass
        else:
            assert "\r" not in document.text

    assert_linear(read, smaller(data), data)

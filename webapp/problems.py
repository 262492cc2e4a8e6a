"""How Parley reports an ordinary mistake: one line that names the fix, and exit status 1.

A missing secret key, a database URL that cannot be used, a database without
its schema or out of reach, a folder that cannot be written: each of these is
something the operator fixes, so it is reported as a sentence, not a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


class SetupError(click.ClickException, RuntimeError):
    """The app cannot be built or served as configured.

    A ``ClickException``, so that every command (Flask's own ``run`` included)
    prints it as one line; a ``RuntimeError`` for callers outside the command line.
    """


def one_line(error: BaseException | str) -> str:
    """An error's message on one line; drivers often add an indented hint on a second."""
    if isinstance(error, OSError) and error.filename and error.strerror:
        return f"{error.filename}: {error.strerror}"
    text = str(getattr(error, "orig", None) or error)
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def parley(arguments: str) -> str:
    """The command that runs ``parley ARGUMENTS``, written so that it can be pasted here.

    That is the ``parley`` beside the running Python, relative to the current
    folder when it is inside it (``.venv/bin/parley``), so it works without
    activating the virtual environment.
    """
    script = Path(sys.executable).parent / "parley"
    if not script.exists():
        return f"parley {arguments}"
    try:
        shown = script.relative_to(Path.cwd())
    except ValueError:
        shown = script
    return f"{shown} {arguments}"

"""YAML read with libyaml when it is there: the data files are read at every start.

The pure-Python loader takes about a second over ``people.yaml``; libyaml's
takes a tenth of that. A text libyaml refuses is read again by the pure
loader, so that the error raised, and the message quoted to the operator,
are the pure loader's whichever is installed.
"""

from __future__ import annotations

from typing import Any

import yaml

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load``, faster."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, ValueError):
        return yaml.safe_load(text)

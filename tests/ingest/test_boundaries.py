"""The ingest package's layout holds: text in, records out, stages in order.

Every module imports neither Flask nor SQLAlchemy nor any other part of
Parley but ``webapp.vocabulary``; the shared modules import no stage; and a
stage imports only the shared modules and the stages before it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from webapp import PROJECT_ROOT

INGEST = PROJECT_ROOT / "webapp" / "ingest"
#: the stages, in the order the pipeline runs them
STAGES = ("read", "people", "speech", "meetings")
FOREIGN = {"flask", "flask_sqlalchemy", "flask_admin", "sqlalchemy", "alembic", "click"}
MODULES = sorted(INGEST.rglob("*.py"))


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def stage_of(module: str) -> str | None:
    """``webapp.ingest.speech.quotes`` -> "speech"; None for a shared module."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[2] in STAGES else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(INGEST)))
def test_imports_stay_inside_ingest(path: Path) -> None:
    for module in imports(path):
        assert module.split(".")[0] not in FOREIGN, module
        if module.startswith("webapp"):
            assert module.startswith("webapp.ingest") or module == "webapp.vocabulary", module


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(INGEST)))
def test_stages_import_only_earlier_stages(path: Path) -> None:
    relative = path.relative_to(INGEST).parts
    if relative[0] in ("__init__.py", "pipeline.py"):
        return  # the front door and the pipeline see every stage
    own = relative[0] if relative[0] in STAGES else None
    allowed = STAGES[: STAGES.index(own) + 1] if own else ()
    for module in imports(path):
        if module.startswith("webapp.ingest"):
            stage = stage_of(module)
            assert stage is None or stage in allowed, f"{path.name} imports {module}"


def test_every_stage_is_a_package() -> None:
    for stage in STAGES:
        assert (INGEST / stage / "__init__.py").exists(), stage

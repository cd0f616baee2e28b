"""The MkDocs adapter stays glue, and the core and its machinery stay free of MkDocs and Jinja.

Every decision about the site is the core's (build_tools/site_plan.py); the
plugin hands its pages to MkDocs.  A module of the adapter that grows past
``LIMIT`` lines is taking decisions again, or doing two things: split it,
or move the decision into the core.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADAPTER = ROOT / "build_tools" / "mkdocs_plugin"
LIMIT = 300

KNOWN_EXCEPTIONS: dict[str, str] = {}
"""Modules allowed over the limit for now, each with the reason."""


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", sorted(ADAPTER.glob("*.py")), ids=lambda p: p.name)
def test_no_adapter_module_is_over_the_limit(path):
    if path.name in KNOWN_EXCEPTIONS:
        pytest.skip(KNOWN_EXCEPTIONS[path.name])
    assert lines(path) <= LIMIT, f"{path.name}: {lines(path)} lines; split it or move decisions into the core"


def test_every_known_exception_is_still_needed():
    # One test over the list (none at present), not one per entry: an empty parameter list is a skip in every run.
    within = [name for name in KNOWN_EXCEPTIONS if not (ADAPTER / name).is_file() or lines(ADAPTER / name) <= LIMIT]
    assert not within, f"within the limit now, remove from KNOWN_EXCEPTIONS: {within}"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted([*(ROOT / "build_tools" / "machinery").rglob("*.py")]
                                        + [ROOT / "build_tools" / "site_plan.py", ROOT / "build_tools" / "pipeline.py"]),
                         ids=lambda p: p.relative_to(ROOT / "build_tools").as_posix())
def test_the_machinery_and_the_entry_point_never_import_mkdocs_or_jinja(path):
    engines = {name for name in imported(path) if name.split(".")[0] in ("mkdocs", "material", "jinja2", "markupsafe")}
    assert not engines, f"{path.name} imports {sorted(engines)}"


def test_the_core_never_imports_the_adapter():
    """Dependencies point one way: the adapter uses the core, never the reverse (the CLI excepted:
    ``catalogue build`` runs MkDocs, importing it only when called)."""
    for path in sorted((ROOT / "build_tools").rglob("*.py")):
        rel = path.relative_to(ROOT / "build_tools")
        if rel.parts[0] == "mkdocs_plugin" or rel.as_posix() == "cli.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "mkdocs_plugin" not in {part for name in imported(path) for part in name.split(".")}, rel
        assert "from .mkdocs_plugin" not in text and "from ..mkdocs_plugin" not in text, rel

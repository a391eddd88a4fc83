"""The package's layout rules, read from its source with `ast` (docs/architecture.md explains them).

- Stages import downwards only: a module never imports one of a later stage.
- No import cycles between modules, at module level or inside functions.
- Only the MkDocs adapter imports MkDocs or Material, so the core runs under any front end.
- No module grows past 300 lines; split it by stage before that.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "briefing"

# Rank of each stage; a module may import modules of its own rank or lower.
STAGES: dict[str, int] = {
    "briefing.problems": 0,
    "briefing.model": 0,
    "briefing.dates": 0,
    "briefing.read": 1,
    "briefing.check": 2,
    "briefing.link": 3,
    "briefing.render": 4,
    "briefing.publish": 5,
    "briefing.pipeline": 6,
    "briefing.authoring": 7,
    "briefing.cli": 8,
    "briefing.mkdocs_plugin": 8,
    "briefing.mkdocs_config": 8,
    "briefing.mkdocs_incremental": 8,
    "briefing.mkdocs_pages": 8,
}
ADAPTERS = {"briefing.mkdocs_plugin", "briefing.mkdocs_config", "briefing.mkdocs_incremental", "briefing.mkdocs_pages"}
FRONT_ENDS = ("mkdocs", "material", "properdocs")
MAX_LINES = 300


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module a file imports, anywhere in it, as absolute dotted names."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from briefing.publish import safe_build` imports the module safe_build.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def stage_of(module: str) -> str | None:
    for stage in sorted(STAGES, key=len, reverse=True):
        if module == stage or module.startswith(stage + "."):
            return stage
    return None


def layout_problems(graph: dict[str, set[str]]) -> list[str]:
    """Broken rules in an import graph {module: imported names}; [] when the layout holds."""
    problems: list[str] = []
    modules = set(graph)
    for module in sorted(graph):
        own = stage_of(module)
        for target in sorted(graph[module]):
            if target.split(".")[0] in FRONT_ENDS and module not in ADAPTERS:
                problems.append(f"{module} imports {target}: only the adapter may import a front end")
            if target not in modules or own is None:
                continue
            theirs = stage_of(target)
            if theirs is not None and STAGES[theirs] > STAGES[own]:
                problems.append(f"{module} ({own}) imports {target} ({theirs}), a later stage")
    problems.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph))
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    edges = {m: sorted(t for t in targets if t in graph and t != m) for m, targets in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in edges[module]:
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    return cycles


def package_graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_stage() -> None:
    assert [m for m in package_graph() if m != "briefing" and stage_of(m) is None] == []


def test_the_package_keeps_its_layout() -> None:
    assert layout_problems(package_graph()) == []


def test_no_module_is_too_long() -> None:
    long = {
        module_name(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"briefing.read.files": {"briefing.model"}, "briefing.model": set()}, []),
        (
            {"briefing.read.files": {"briefing.render.pages"}, "briefing.render.pages": set()},
            ["briefing.read.files (briefing.read) imports briefing.render.pages (briefing.render), a later stage"],
        ),
        (
            {"briefing.render.pages": {"mkdocs.plugins"}},
            ["briefing.render.pages imports mkdocs.plugins: only the adapter may import a front end"],
        ),
        (
            {"briefing.publish.safe_build": {"properdocs.plugins"}},
            ["briefing.publish.safe_build imports properdocs.plugins: only the adapter may import a front end"],
        ),
        ({"briefing.mkdocs_plugin": {"mkdocs.plugins", "briefing.render.pages"}, "briefing.render.pages": set()}, []),
        (
            {"briefing.read.a": {"briefing.read.b"}, "briefing.read.b": {"briefing.read.a"}},
            ["import cycle: briefing.read.a -> briefing.read.b -> briefing.read.a"],
        ),
    ],
)
def test_layout_rules_catch_what_they_should(graph: dict[str, set[str]], expected: list[str]) -> None:
    assert layout_problems(graph) == expected


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    package = tmp_path / "briefing"
    (package / "read").mkdir(parents=True)
    (package / "read" / "files.py").write_text("from . import yamlread\nfrom ..render.pages import x\n")
    imported = imports_of(package / "read" / "files.py", package)
    assert {"briefing.read.yamlread", "briefing.render.pages"} <= imported

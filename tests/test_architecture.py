"""The package's layering, from the source alone (no imports run): module-level imports only
(an import inside a function is a deliberate late dependency and does not count).

- no import cycles among desktop's modules;
- desktop/protocol imports neither PySide6 nor sqlite3 (it is the wire, usable without Qt or a
  history); desktop/model, desktop/store and desktop/runner import no PySide6; desktop/imports
  neither PySide6 nor sqlite3;
- no desktop/ui module imports httpx (the window talks to the network through the session).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: at top level, or in a top-level if/try/with
    (but not under `if TYPE_CHECKING:`), never inside a function or class body."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                    or isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING"):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, ast.With):
            pending.extend(node.body)


def _all_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import outside a function, those under `if TYPE_CHECKING:` included: the imports a
    reader (and the type checker) follows, whether or not they run."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.ClassDef):
            for field in ("body", "orelse", "finalbody"):
                pending.extend(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                pending.extend(handler.body)


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
              modules: set[str]) -> Iterator[str]:
    """Absolute names a statement makes Python import. `from X import a` needs X, except when
    every name it takes is a submodule (`from . import outputs`): that runs X.a, and X only as
    far as the package being imported has already got (Python imports a package before its
    submodules), so it is an edge to X.a alone."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    submodules = [f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in modules]
    yield from submodules
    if len(submodules) < len(node.names):
        yield source


def import_graph(typing: bool = False) -> dict[str, set[str]]:
    """module -> the modules it imports at import time: desktop's own, by full name, and
    third-party ones. `typing`: the imports for the type checker too."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for node in (_all_imports if typing else _top_level_imports)(tree):
            for name in _imported(module, path.name == "__init__.py", node, set(files)):
                if name.split(".")[0] != "desktop" or name in files:
                    targets.add(name)
        targets.discard(module)
        graph[module] = targets
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node] & graph.keys()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


GRAPH = import_graph()


def _third_party(prefix: str) -> dict[str, set[str]]:
    return {module: {t.split(".")[0] for t in targets if not t.startswith("desktop")}
            for module, targets in GRAPH.items() if module == prefix or module.startswith(prefix + ".")}


def test_the_graph_sees_the_package() -> None:
    # A guard for the checks below: they pass vacuously if the graph is empty or wrong.
    assert "desktop.protocol.client" in GRAPH and "desktop.ui.main_window" in GRAPH
    assert "httpx" in {t.split(".")[0] for t in GRAPH["desktop.protocol.client"]}
    assert "PySide6" in {t.split(".")[0] for t in GRAPH["desktop.ui.main_window"]}


def test_no_import_cycles() -> None:
    assert find_cycles(GRAPH) == []


def test_the_window_has_no_cycle_held_by_type_checking_imports() -> None:
    # The window's parts declare what they share in window_base; a helper gets the panes or
    # WindowBase, never main_window (issue #16: a cycle hidden behind TYPE_CHECKING is a cycle).
    typing_graph = import_graph(typing=True)
    ui = {module: {t for t in targets if t.startswith("desktop.ui")}
          for module, targets in typing_graph.items() if module.startswith("desktop.ui")}
    assert find_cycles(ui) == []
    importers = sorted(m for m, targets in ui.items() if "desktop.ui.main_window" in targets)
    assert importers == ["desktop.ui.app"]  # which builds it


def test_the_typing_graph_sees_type_checking_imports() -> None:
    # A guard: window_base imports the panes for the type checker only.
    assert "desktop.ui.answer_pane" in import_graph(typing=True)["desktop.ui.window_base"]
    assert "desktop.ui.answer_pane" not in GRAPH["desktop.ui.window_base"]


def test_no_module_is_over_400_lines() -> None:
    # Issue #16: every module of the package is a part a reader can hold, the window's included.
    sizes = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}
    assert "ui/main_window.py" in sizes and "ui/turn_painter.py" in sizes and "session.py" in sizes
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}


@pytest.mark.parametrize(("package", "forbidden"), [
    ("desktop.protocol", {"PySide6", "sqlite3"}),
    ("desktop.model", {"PySide6"}),
    ("desktop.store", {"PySide6"}),
    # and as README's "How it is built" says of these two:
    ("desktop.runner", {"PySide6"}),
    ("desktop.imports", {"PySide6", "sqlite3"}),
])
def test_layers_below_the_ui_do_not_import(package: str, forbidden: set[str]) -> None:
    offending = {module: sorted(imports & forbidden) for module, imports in _third_party(package).items()
                 if imports & forbidden}
    assert offending == {}


def test_the_ui_does_not_talk_http() -> None:
    offending = sorted(module for module, imports in _third_party("desktop.ui").items() if "httpx" in imports)
    assert offending == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c", "os"}, "c": {"a"}, "d": {"a"}, "e": {"e2"}, "e2": {"e"}}
    assert sorted(find_cycles(graph)) == [["a", "b", "c"], ["e", "e2"]]

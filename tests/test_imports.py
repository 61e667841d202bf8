"""The package's import structure: no module of `armstrack` imports itself back through others,
and the store imports neither Streamlit nor the Dask engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "armstrack"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(importer: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name a `from ... import` refers to, relative levels counted from the
    importing module's package."""
    if level == 0:
        return module or ""
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports, at module level or inside functions alike
    (a lazy import still ties the two modules together)."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p): p for p in paths}
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def known(name: str) -> str | None:
        # `from armstrack.extract import context` names a module; `from armstrack.store import
        # connect` names something inside one: the longest known prefix is the module.
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module)
                targets = [f"{base}.{alias.name}" for alias in node.names] or [base]
            for target in targets:
                found = known(target) if target.split(".")[0] == "armstrack" else None
                if found and found != name:
                    graph[name].add(found)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as the modules along it (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_graph_sees_relative_and_lazy_imports() -> None:
    graph = import_graph()
    assert "armstrack.extract" in graph["armstrack.cli"]  # imported inside a function
    assert any(graph[m] for m in graph if m.startswith("armstrack.extract."))
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _resolve("armstrack.extract.dates", False, 1, "context") == "armstrack.extract.context"
    assert _resolve("armstrack.extract", True, 2, "store") == "armstrack.store"


def test_no_import_cycle_in_the_package() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_store_imports_without_streamlit_or_dask() -> None:
    heavy = ("streamlit", "dask", "distributed")
    code = (
        "import sys; import armstrack.store; "
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == [], f"importing armstrack.store loaded {proc.stdout.strip()}"


def test_overview_sends_its_style_before_its_heavy_imports() -> None:
    """The Overview's style goes out before pandas, DuckDB and the store are imported, so the
    browser loads the code that draws its bars while the server imports them."""
    code = (
        "import sys; import components.style; "
        "print(' '.join(m for m in ('pandas', 'duckdb', 'armstrack') if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == [], f"importing components.style loaded {proc.stdout.strip()}"
    body = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8")).body

    def imported(node: ast.stmt) -> str:
        if isinstance(node, ast.ImportFrom):
            return node.module or ""
        return node.names[0].name if isinstance(node, ast.Import) else ""

    first_call = next(n for n in body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call))
    heavy = next(n for n in body if imported(n) in ("pandas", "components"))
    assert ast.unparse(first_call) == "send_style()"
    assert body.index(first_call) < body.index(heavy)

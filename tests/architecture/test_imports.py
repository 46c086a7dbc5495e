"""Which module may import which: the import graph, read from the source.

Nothing of the project is imported or run: every module is parsed with
``ast`` (fast, no database). The project's modules are the packages under
``site/`` (the site shell: accounts, pages, sitesearch, ...) and those at
the repository's root (the content apps: forum, catalogue, learning,
webinars, library); migrations and tests are left out. An import counts
when it names a project module: ``from pages import shared`` imports the
module ``pages.shared``, ``from pages.sections import subpage_url`` imports
``pages.sections``, ``import analytics`` and ``from usertext import shown``
the packages' ``__init__.py``. Imports under ``if TYPE_CHECKING:`` never
run and are left out; imports made with ``importlib`` by name (the demo
and search index discovery) are not seen.

The rules:

* No circle: no module reaches itself through its imports, whether they
  stand at the top of a module or inside a function (a local import only
  delays the circle to the first call).
* The site shell imports no content app. What a content app adds to the
  site (home cards, personal data, demo history, search results) it
  registers itself: hooks, ``demo.py``, ``search_indexes.py``.
* An import of project code inside a function says why, in a comment
  starting ``# why:`` on the import's first line or in the comment lines
  right above it. Imports belong at the top of the module; a reason that
  is a circle is no reason (see the first rule).
"""

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
WHY = "# why:"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    file: str  # the path from the repository's root, for messages
    shell: bool  # under site/; else part of a content app

    @property
    def package(self):
        """The package that relative imports start from."""
        if self.path.name == "__init__.py":
            return self.name
        return self.name.rpartition(".")[0]

    @property
    def app(self):
        return self.name.partition(".")[0]


@dataclass(frozen=True)
class Import:
    source: Module
    target: str
    line: int
    local: bool  # inside a function
    why: bool  # a "# why:" comment on the line or in the comments above

    def __str__(self):
        return f"{self.source.file}:{self.line} imports {self.target}"


def project_modules(root=ROOT, site=SITE):
    """{name: Module} of every project module: the packages under ``site``
    (the shell) and at ``root`` (the content apps), without migrations."""
    modules = {}
    for base, shell in ((site, True), (root, False)):
        for init in sorted(base.glob("*/__init__.py")):
            for path in sorted(init.parent.rglob("*.py")):
                relative = path.relative_to(base)
                if "migrations" in relative.parts:
                    continue
                parts = list(relative.with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                name = ".".join(parts)
                modules[name] = Module(name, path, path.relative_to(root).as_posix(), shell)
    return modules


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Reader(ast.NodeVisitor):
    """Every import statement of one module: (node, inside a function)."""

    def __init__(self):
        self.found = []
        self._depth = 0

    def _inside(self, node):
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _inside

    def visit_If(self, node):
        if _is_type_checking(node.test):
            for child in node.orelse:  # the branch that runs
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        self.found.append((node, self._depth > 0))

    visit_ImportFrom = visit_Import


def _explained(lines, lineno):
    """True when the import at ``lineno`` (1-based) says why, on its line or in
    the block of comment lines right above it."""
    if WHY in lines[lineno - 1]:
        return True
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        if lines[index].strip().startswith(WHY):
            return True
        index -= 1
    return False


def _resolve(name, modules):
    """The project module that importing the dotted ``name`` runs, or None."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module, modules):
    """The Imports of project modules in ``module`` (itself excluded)."""
    source = module.path.read_text(encoding="utf-8")
    lines = source.splitlines()
    reader = _Reader()
    reader.visit(ast.parse(source, filename=str(module.path)))
    found = []
    for node, local in reader.found:
        if isinstance(node, ast.Import):
            targets = [_resolve(alias.name, modules) for alias in node.names]
        else:
            if node.level:
                parts = module.package.split(".")
                base = ".".join(parts[:len(parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            # ``from package import name``: the submodule when there is one.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules
                       else _resolve(base, modules) for alias in node.names]
        why = _explained(lines, node.lineno)
        for target in dict.fromkeys(targets):
            if target is not None and target != module.name:
                found.append(Import(module, target, node.lineno, local, why))
    return found


def project_imports(modules=None):
    modules = project_modules() if modules is None else modules
    return [found for module in modules.values() for found in imports_of(module, modules)]


def _components(graph):
    """The strongly connected components of ``graph`` ({node: set of nodes}), Tarjan's
    algorithm without recursion."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _shortest_path(graph, start, goal, within):
    previous, queue = {start: None}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = previous[node]
            return path[::-1]
        for child in sorted(graph.get(node, ())):
            if child in within and child not in previous:
                previous[child] = node
                queue.append(child)
    return None


def _graph(imports):
    graph = {}
    for found in imports:
        graph.setdefault(found.source.name, set()).add(found.target)
    return graph


def tangles(imports):
    """The groups of modules that reach each other (two or more), each sorted."""
    return sorted(tuple(sorted(component)) for component in _components(_graph(imports))
                  if len(component) > 1)


def circles(imports):
    """Import circles, each as a tuple of module names whose last is its first.

    Every arrow inside a group of modules that reach each other lies on at
    least one circle listed (the shortest way back), so each arrow that
    ties a circle is shown."""
    graph = _graph(imports)
    found_circles = set()
    for component in map(set, tangles(imports)):
        for source in component:
            for target in graph[source] & component:
                back = _shortest_path(graph, target, source, component)
                chain = [source, *back]
                ring = chain[:-1]
                turn = ring.index(min(ring))
                ring = ring[turn:] + ring[:turn]
                found_circles.add((*ring, ring[0]))
    return sorted(found_circles, key=lambda ring: (len(ring), ring))


def _describe_circle(ring, imports):
    arrows = {}
    for found in imports:
        arrows.setdefault((found.source.name, found.target), []).append(found)
    lines = [" -> ".join(ring)]
    for source, target in zip(ring, ring[1:], strict=False):
        first = min(arrows[source, target], key=lambda found: (found.local, found.line))
        local = " (in a function)" if first.local else ""
        lines.append(f"    {first}{local}")
    return "\n".join(lines)


def _place(found):
    return found.source.file, found.line, found.target


# --- the rules, on the project ----------------------------------------------------------------


def test_the_graph_is_read():
    """The reader finds the project: a rule over an empty graph would always pass."""
    modules = project_modules()
    assert {"pages.models", "sitesearch.indexes", "forum.search_indexes",
            "analytics"} <= set(modules)
    assert not any(".migrations" in name for name in modules)
    arrows = {(found.source.name, found.target) for found in project_imports(modules)}
    assert ("forum.search_indexes", "sitesearch.indexes") in arrows
    assert len(arrows) > 300


def test_no_import_circle():
    imports = project_imports()
    found = circles(imports)
    groups = tangles(imports)
    assert not found, (
        f"{len(groups)} group(s) of modules that reach each other:\n"
        + "\n".join(f"  {', '.join(group)}" for group in groups)
        + f"\n{len(found)} circle(s), each arrow of the groups on at least one:\n"
        + "\n".join(_describe_circle(ring, imports) for ring in found))


def test_the_site_shell_imports_no_content_app():
    modules = project_modules()
    content_apps = {module.app for module in modules.values() if not module.shell}
    wrong = [str(found) for found in sorted(project_imports(modules), key=_place)
             if found.source.shell and found.target.partition(".")[0] in content_apps]
    assert not wrong, "The site shell imports content apps:\n" + "\n".join(wrong)


def test_function_local_imports_of_project_code_say_why():
    imports = project_imports()
    local = [found for found in imports if found.local]
    wrong = [str(found) for found in sorted(local, key=_place) if not found.why]
    assert not wrong, (
        f"Of {len(imports)} imports of project code, {len(imports) - len(local)} at module "
        f"level and {len(local)} inside functions, {len(wrong)} without a '{WHY}' comment:\n"
        + "\n".join(wrong))


# --- the reader, on a small project of its own -----------------------------------------------


def _write(base, files):
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _tiny(tmp_path, files):
    _write(tmp_path, files)
    modules = project_modules(tmp_path, tmp_path / "site")
    return modules, project_imports(modules)


def test_the_reader_resolves_each_form_of_import(tmp_path):
    modules, imports = _tiny(tmp_path, {
        "site/shell/__init__.py": "",
        "site/shell/a.py": (
            "import os\n"
            "from . import b\n"                 # a submodule
            "from .b import thing\n"            # a name in a module
            "from shell.sub.c import other\n"   # absolute, two levels down
            "import shell.sub\n"                # a package's __init__
        ),
        "site/shell/b.py": "thing = 1\n",
        "site/shell/sub/__init__.py": "from ..b import thing\n",  # up one level
        "site/shell/sub/c.py": "other = 2\n",
        "site/shell/migrations/0001_initial.py": "from app import models\n",
        "app/__init__.py": "",
        "app/models.py": "",
    })
    assert "shell.migrations.0001_initial" not in modules
    assert modules["shell.a"].shell and not modules["app.models"].shell
    arrows = sorted({(found.source.name, found.target) for found in imports})
    assert arrows == [("shell.a", "shell.b"), ("shell.a", "shell.sub"),
                      ("shell.a", "shell.sub.c"), ("shell.sub", "shell.b")]


def test_the_reader_tells_local_imports_and_their_reasons(tmp_path):
    _modules, imports = _tiny(tmp_path, {
        "app/__init__.py": "",
        "app/a.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    from app import hidden\n"
            "def f():\n"
            "    from app import b\n"
            "def g():\n"
            "    # why: b loads a large library that g alone needs\n"
            "    # (and only in the admin)\n"
            "    from app import c\n"
            "    from app import d  # why: as above\n"
            "    import json\n"
        ),
        "app/b.py": "", "app/c.py": "", "app/d.py": "", "app/hidden.py": "",
    })
    assert sorted((found.target, found.local, found.why) for found in imports) == [
        ("app.b", True, False), ("app.c", True, True), ("app.d", True, True)]


def test_circles_are_found_through_local_imports_and_shown_as_chains(tmp_path):
    _modules, imports = _tiny(tmp_path, {
        "app/__init__.py": "",
        "app/models.py": "from .routes import Routes\nfrom .rules import rule\n",
        "app/routes.py": "def view():\n    from .models import Page\n",
        "app/rules.py": "from .helpers import helper\n",
        "app/helpers.py": "from .models import Page\n",
        "app/alone.py": "from .models import Page\n",
    })
    assert tangles(imports) == [("app.helpers", "app.models", "app.routes", "app.rules")]
    assert circles(imports) == [
        ("app.models", "app.routes", "app.models"),
        ("app.helpers", "app.models", "app.rules", "app.helpers"),
    ]
    text = _describe_circle(("app.models", "app.routes", "app.models"), imports)
    assert text.splitlines() == [
        "app.models -> app.routes -> app.models",
        "    app/models.py:1 imports app.routes",
        "    app/routes.py:2 imports app.models (in a function)",
    ]

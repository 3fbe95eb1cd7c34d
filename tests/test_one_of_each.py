"""One of each: the Jinja environment, the WCAG contrast formula and the display formatting of
numbers each live in one place, so two copies cannot drift apart (issue 15)."""
from __future__ import annotations

import ast

from conftest import ROOT

SRC = ROOT / "src" / "hsp_docs"


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        yield path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _enclosing_functions(tree):
    """node -> the name of the function it is in, for every node of the tree."""
    owner = {}

    def walk(node, name):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else name
            owner[child] = inner
            walk(child, inner)
    walk(tree, None)
    return owner


def test_jinja_environments_are_made_by_one_factory():
    made = []
    for name, tree in _modules():
        owner = _enclosing_functions(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called.endswith(("Environment", "Sandbox")):
                    made.append((name, owner.get(node)))
    assert made and set(made) == {("sections/narrative.py", "environment")}, made


def test_the_contrast_formula_and_number_formatting_are_defined_once():
    luminance = [name for name, tree in _modules() for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and node.value == 0.2126]  # WCAG's relative luminance
    assert luminance == ["theme.py"]
    defined = {(name, node.name) for name, tree in _modules() for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef) and node.name in ("format_number", "thousands")}
    assert defined == {("formatting.py", "format_number"), ("formatting.py", "thousands")}

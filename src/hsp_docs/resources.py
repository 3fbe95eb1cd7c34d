"""Where the bundled files are: the templates, the default inputs and the example partnership.

The only module that locates them. An installed wheel carries them inside the package, as
`hsp_docs/bundled/{templates,inputs,examples}` (pyproject.toml maps the repository's top-level
folders there, so git keeps one copy), and they are found through `importlib.resources`. An
editable install or a run from the source tree has no `bundled/`: then, and only then, they are
the checkout's own top-level folders, two levels above this package.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import HspDocsError

BUNDLED = "bundled"
KINDS = ("templates", "inputs", "examples")


class ResourceMissing(HspDocsError, FileNotFoundError):
    """A bundled folder or file is not where the install should have put it."""


class UnknownInputs(HspDocsError, KeyError):
    """No bundled inputs folder has that name."""

    def __str__(self) -> str:
        return str(self.args[0])


def _checkout() -> Path | None:
    """The source checkout this package runs from (editable install, or src/ on the path), if any."""
    here = Path(str(files(__package__ or "hsp_docs")))
    root = here.parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "templates").is_dir() else None


def resource(kind: str) -> Traversable:
    """The bundled folder `kind` (one of KINDS): the installed copy, else the checkout's."""
    if kind not in KINDS:
        raise ValueError(f"unknown resource folder {kind!r}; expected one of {', '.join(KINDS)}")
    installed = files(__package__ or "hsp_docs").joinpath(BUNDLED, kind)
    if installed.is_dir():
        return installed
    root = _checkout()
    if root is not None and (root / kind).is_dir():
        return root / kind
    raise ResourceMissing(f"the bundled {kind}/ folder is missing from this install of hsp-docs "
                          f"(looked in {installed}); reinstall it with pip")


def resource_path(kind: str, *parts: str) -> Path:
    """A bundled file or folder as a filesystem path (a wheel installs them as plain files)."""
    node = resource(kind).joinpath(*parts)
    if not (node.is_file() or node.is_dir()):
        raise ResourceMissing(f"{'/'.join((kind, *parts))} is not in this install of hsp-docs")
    if isinstance(node, Path):
        return node
    # an install that is not plain files (a zip): extract a copy once, for this process
    dest = Path(tempfile.mkdtemp(prefix="hsp-docs-")) / node.name
    if node.is_dir():
        copy_tree(node, dest)
    else:
        dest.write_bytes(node.read_bytes())
    return dest


def template(*parts: str) -> Path:
    """A template file, e.g. template("docx", "master.docx")."""
    return resource_path("templates", *parts)


def default_inputs() -> Path:
    """The bundled default inputs: the latest year folder (one holding report.toml) in inputs/."""
    years = sorted(p.name for p in resource("inputs").iterdir() if p.joinpath("report.toml").is_file())
    if not years:
        raise ResourceMissing("no bundled inputs/<year>/report.toml in this install of hsp-docs")
    return resource_path("inputs", years[-1])


def examples() -> dict[str, Traversable]:
    """Every bundled inputs folder `hsp-docs init --example NAME` can copy, by name: the default
    year ("2022-23") and each example partnership ("kestrel-vale", its latest year)."""
    found: dict[str, Traversable] = {}
    for year in resource("inputs").iterdir():
        if year.joinpath("report.toml").is_file():
            found[year.name] = year
    for example in resource("examples").iterdir():
        inputs = example.joinpath("inputs")
        if inputs.is_dir():
            years = sorted((y for y in inputs.iterdir() if y.joinpath("report.toml").is_file()), key=lambda y: y.name)
            if years:
                found[example.name] = years[-1]
    return dict(sorted(found.items()))


def copy_tree(source: Traversable, dest: Path) -> None:
    """Copy a bundled folder to dest (which must not exist), from any kind of install."""
    if isinstance(source, Path):
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        return
    dest.mkdir(parents=True)
    for child in source.iterdir():
        if child.name.startswith(".") or child.name == "__pycache__":
            continue
        if child.is_dir():
            copy_tree(child, dest / child.name)
        else:
            (dest / child.name).write_bytes(child.read_bytes())


def copy_inputs(name: str | None, dest: Path) -> str:
    """Copy the bundled inputs `name` (see examples(); None: the default year) to dest, which
    must not exist or be an empty folder: FileExistsError otherwise, never an overwrite. The copy
    is made beside dest and renamed into place, so dest is never left half-copied. Returns the
    name copied."""
    found = examples()
    name = name or default_inputs().name  # the year `hsp-docs build` uses when given nothing
    if name not in found:
        raise UnknownInputs(f"no bundled inputs named {name!r}; choose one of: {', '.join(found)}")
    if dest.exists() and not (dest.is_dir() and not any(dest.iterdir())):
        raise FileExistsError(f"{dest} already exists and is not an empty folder: init never overwrites. "
                              "Choose a new folder, or remove it first.")
    work = dest.parent / f".{dest.name}.init-{os.getpid()}"
    try:
        copy_tree(found[name], work)
        if dest.exists():
            dest.rmdir()
        work.rename(dest)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return name

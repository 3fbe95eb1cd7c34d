"""The per-user cache: results that are slow to make and depend only on content, kept between builds.

Where it lives: `$HSP_DOCS_CACHE` when set (`none` turns every cache off), else the platform's
user cache folder (`$XDG_CACHE_HOME/hsp-docs`, `~/.cache/hsp-docs`; `~/Library/Caches/hsp-docs`
on macOS; `%LOCALAPPDATA%\\hsp-docs\\Cache` on Windows).

Entries are keyed by a hash of what they depend on (never by timestamps) and written
atomically (a temporary file in the same folder, then a rename), so builds running at the same
time can share the folder: a reader sees a whole entry or none, and two writers of one key
write the same content. Anything wrong with the cache (unwritable, corrupt entry) only means
the result is made again.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .atomic import write_bytes

ENV = "HSP_DOCS_CACHE"


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when caching is turned off."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "hsp-docs" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "hsp-docs"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "hsp-docs"


def content_key(*parts: bytes | str) -> str:
    """A hex SHA-256 of the parts, each length-prefixed so no two lists of parts collide."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    root = cache_dir()
    return None if root is None else root / kind / f"{key}.json"


def get_json(kind: str, key: str):
    """The value stored under (kind, key), or None when there is none (or it cannot be read)."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def put_json(kind: str, key: str, value) -> None:
    """Store a JSON value under (kind, key), atomically; a cache that cannot be written is skipped."""
    path = _entry(kind, key)
    if path is None:
        return
    try:
        write_bytes(path, json.dumps(value).encode("utf-8"))
    except OSError:
        pass

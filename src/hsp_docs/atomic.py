"""Write outputs so a failed or interrupted build never leaves a half-written file under
the final name, nor touches the good file already there."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


def write_bytes(target: str | os.PathLike[str] | BinaryIO, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over the target."""
    if hasattr(target, "write"):
        target.write(data)
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, _mode(path))  # mkstemp makes the file private (0600); a report is not
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: a temporary file linked to its final name, which
    fails (FileExistsError) rather than replace a file that appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(tmp, _mode(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create the final name exclusively
            with open(path, "xb") as f:
                f.write(data)
    finally:
        os.unlink(tmp)


def _mode(path: Path) -> int:
    """The permissions the file would have had if written in place: the old file's, or the
    usual ones under the user's umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

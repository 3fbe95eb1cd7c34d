"""An output folder written as one set: the outputs of a build (or of `packs`) replace the old
ones together, or not at all, and only one hsp-docs run writes a folder at a time.

How:

1. **Lock.** `.hsp-docs.lock` in the folder, created with O_EXCL and holding the owner's pid.
   Where `fcntl` exists the owner also holds an flock on it, so a lock left by a killed run is
   recognised by the kernel having released it; elsewhere, by its pid no longer running.
2. **Stage.** Every output is written and fsynced into `.hsp-docs-staging-<pid>-<token>/` in
   the folder itself (the same file system, so the moves below are renames), then read back
   and checked: its size, and for .docx/.xlsx every zip member's CRC.
3. **Commit record.** `COMMIT` (the files to move in and to remove) is written into the staging
   folder and fsynced: from here on the new set is the one that counts.
4. **Move in.** Each file is renamed over the old one (the old file kept as a hard link in the
   staging folder until the end), outputs of the old set that the new one lacks are removed,
   then the staging folder is deleted.

The guarantee, honestly: a POSIX file system can rename one file atomically, not several. At
every moment before step 4 the folder holds the whole old set; after step 4, the whole new set.
During step 4 (a few renames, microseconds) a reader could see some files new and some old, and
a run killed exactly then leaves them so; the next run that takes the lock finds the commit
record and finishes the moves (roll forward), before doing anything else. A move that fails (a
file open in Word on Windows, a read-only file) puts the old files back (roll back) and stops
with a message. A run killed before step 4 leaves the old set as it was; its staging folder is
deleted by the next run.
"""
from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import socket
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import BuildError

LOCK = ".hsp-docs.lock"
STAGING = ".hsp-docs-staging-"
_COMMIT, _ROLLBACK, _OLD = "COMMIT", "ROLLBACK", ".old"


class OutputError(BuildError):
    """An output folder cannot be written (busy, full, read-only, ...): one line, naming it."""


def describe(exc: OSError) -> str:
    """An OSError as a short phrase, without the traceback's detail."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only or protected folder?)"
    return exc.strerror or str(exc)


class OutputFolder:
    """`with OutputFolder(outdir) as out:` locks outdir and finishes or removes what a killed run
    left; `out.put(name, blob)` (or writing to `out.staged(name)`) stages files; `out.commit()`
    moves them in as one set. Leaving the block without a commit leaves the folder as it was."""

    def __init__(self, outdir: str | Path, *, owned: Iterable[str] = ()):
        """owned: the names of this kind of set (e.g. report.pdf): one the new set lacks is removed
        at commit, so no file of an older set is left beside the new one."""
        self.dir = Path(outdir)
        self.owned = tuple(owned)
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self._names: list[str] = []
        self.recovered: list[str] = []
        self.removed: list[str] = []

    # -- the lock ------------------------------------------------------------------------------
    def __enter__(self) -> OutputFolder:
        self._created = not self.dir.exists()
        self._committed = False
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"{self.dir}: is a file, not a folder: choose another output folder") from None
        except OSError as exc:
            raise OutputError(f"{self.dir}: cannot create the output folder: {describe(exc)}") from None
        self._lock()
        try:
            self.recovered = recover(self.dir)
            self.staging = self.dir / f"{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
            self.staging.mkdir()
        except OSError as exc:
            self._unlock()
            raise OutputError(f"{self.dir}: cannot write in the output folder: {describe(exc)}") from None
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                if (self.staging / _COMMIT).exists() or (self.staging / _ROLLBACK).exists():
                    recover(self.dir)  # interrupted (Ctrl-C, SIGTERM) past the commit point: finish it
                else:
                    shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()
        if self._created and not self._committed:
            try:
                self.dir.rmdir()  # a failed first build leaves no empty folder behind
            except OSError:
                pass

    def _lock(self) -> None:
        path = self.dir / LOCK
        for _ in range(50):
            try:
                fd = _create_lock(path)
            except OSError as exc:
                raise OutputError(f"{self.dir}: cannot write in the output folder: {describe(exc)}") from None
            if fd is not None:
                self._lock_fd = fd
                return
            if _stale(path):
                _remove_stale(path)
                continue
            raise OutputError(f"{self.dir}: another hsp-docs run is writing to this folder ({_owner(path)}); "
                              "wait for it to finish, or choose another folder with -o")
        raise OutputError(f"{self.dir}: could not take {LOCK}; remove it if no hsp-docs run is writing there")

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            try:
                os.unlink(self.dir / LOCK)  # while still holding the flock: see _stale
            except OSError:
                pass
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- staging and commit ----------------------------------------------------------------------
    def _owned_files(self) -> list[str]:
        """The files of an older set now in the folder: each owned name, and every file below an
        owned folder ("html/")."""
        out = []
        for n in self.owned:
            if n.endswith("/"):
                folder = self.dir / n.rstrip("/")
                if folder.is_dir() and not folder.is_symlink():
                    out += sorted(p.relative_to(self.dir).as_posix() for p in folder.rglob("*")
                                  if p.is_file() or p.is_symlink())
            elif (self.dir / n).is_file() or (self.dir / n).is_symlink():
                out.append(n)
        return out

    def staged(self, name: str) -> Path:
        """Where to write the output `name` before the commit (for writers that take a path)."""
        if self.staging is None:
            raise RuntimeError("OutputFolder used outside its with block")
        _plain_name(name)
        if name not in self._names:
            self._names.append(name)
        (self.staging / name).parent.mkdir(parents=True, exist_ok=True)
        return self.staging / name

    def put(self, name: str, blob: bytes) -> None:
        """Stage one output, written and flushed to disk."""
        path = self.staged(name)
        try:
            _write(path, blob)
        except OSError as exc:
            raise OutputError(f"{self.dir / name}: cannot be written: {describe(exc)}; the folder was left "
                              "as it was") from None

    def commit(self) -> list[Path]:
        """Check every staged output, then move them in as one set. Returns their final paths."""
        assert self.staging is not None
        names = [n for n in self._names if (self.staging / n).exists()]
        for n in names:
            _check(self.staging / n, self.dir / n)
            if (self.dir / n).is_dir() and not (self.dir / n).is_symlink():
                raise OutputError(f"{self.dir / n}: is a folder, so the output cannot take its name: move it "
                                  "away; the folder was left as it was")
        remove = [n for n in self._owned_files() if n not in names]
        try:
            had_old = []
            (self.staging / _OLD).mkdir()
            for n in [*names, *remove]:
                if (self.dir / n).exists():
                    (self.staging / _OLD / n).parent.mkdir(parents=True, exist_ok=True)
                    _keep(self.dir / n, self.staging / _OLD / n)
                    had_old.append(n)
            record = json.dumps({"put": names, "remove": remove, "had_old": had_old}).encode()
            _write(self.staging / f"{_COMMIT}.part", record)
            os.replace(self.staging / f"{_COMMIT}.part", self.staging / _COMMIT)  # the commit point
            _fsync_dir(self.staging)
        except OSError as exc:
            raise OutputError(f"{self.dir}: cannot write the new outputs: {describe(exc)}; the folder was left "
                              "as it was") from None
        try:
            _roll_forward(self.staging, self.dir)
        except OSError as exc:
            failed = exc.filename2 or exc.filename or self.dir  # os.replace names the target second
            _roll_back(self.staging, self.dir)
            shutil.rmtree(self.staging, ignore_errors=True)
            raise OutputError(f"{failed}: cannot be replaced: {describe(exc)}; the previous outputs were put "
                              "back (is the file open in another program?)") from None
        shutil.rmtree(self.staging, ignore_errors=True)
        self.removed = remove
        self._committed = True
        return [self.dir / n for n in names]


def recover(outdir: Path) -> list[str]:
    """Finish what a killed run left in outdir (the caller holds the lock): a committed set is
    moved in, a set caught rolling back is rolled back, anything else staged is deleted, and so
    are the `.part` files of the single-file writer. Returns what was done, for a note."""
    done = []
    for path in sorted(outdir.iterdir()):
        if path.name.startswith(STAGING) and path.is_dir() and not path.is_symlink():
            if (path / _ROLLBACK).exists():
                _roll_back(path, outdir)
                done.append(f"put back the outputs of a run that failed while replacing them ({path.name})")
            elif (path / _COMMIT).exists():
                _roll_forward(path, outdir)
                done.append(f"finished moving in the outputs of a run that was stopped while doing so ({path.name})")
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(".") and path.name.endswith(".part") and path.is_file():
            path.unlink(missing_ok=True)
        elif path.name.startswith(LOCK + ".") and path.is_file() and _stale(path):
            path.unlink(missing_ok=True)  # the private name of a lock its run never linked
    return done


def _roll_forward(staging: Path, outdir: Path) -> None:
    plan = json.loads((staging / _COMMIT).read_text(encoding="utf-8"))
    for n in plan["put"]:
        if (staging / n).exists():  # else moved in already, by the run that was stopped
            (outdir / n).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / n, outdir / n)
    for n in plan["remove"]:
        (outdir / n).unlink(missing_ok=True)
    _prune(outdir, plan["remove"])
    _fsync_dir(outdir)


def _prune(outdir: Path, removed: list[str]) -> None:
    """Remove the folders (below outdir) that removing files left empty."""
    for folder in sorted({(outdir / n).parent for n in removed if "/" in n}, key=lambda p: -len(p.parts)):
        while folder != outdir:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _roll_back(staging: Path, outdir: Path) -> None:
    """Undo a partly done move-in: the old files (hard links kept in .old/) go back, new files
    that had no old one are removed."""
    os.replace(staging / _COMMIT, staging / _ROLLBACK) if (staging / _COMMIT).exists() else None
    plan = json.loads((staging / _ROLLBACK).read_text(encoding="utf-8"))
    for n in plan["put"]:
        if (staging / n).exists():
            continue  # never moved in: the old file is still in place
        if n in plan["had_old"]:
            if (staging / _OLD / n).exists():  # else put back already
                (outdir / n).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / _OLD / n, outdir / n)
        else:
            (outdir / n).unlink(missing_ok=True)
    for n in plan["remove"]:
        if not (outdir / n).exists() and (staging / _OLD / n).exists():
            (outdir / n).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / _OLD / n, outdir / n)
    _fsync_dir(outdir)


def _plain_name(name: str) -> None:
    """An output's name: a file of the folder, or a path below it ("html/index.html")."""
    parts = name.split("/")
    if not name or any(p in ("", ".", "..") or "\\" in p for p in parts) or parts[0].startswith((STAGING, LOCK)):
        raise ValueError(f"not a plain output file name: {name!r}")


def _write(path: Path, blob: bytes) -> None:
    with open(path, "wb") as f:
        f.write(blob)
        f.flush()
        os.fsync(f.fileno())


def _keep(src: Path, dest: Path) -> None:
    """A second name for the old file, for a roll back: a hard link, or a copy where links fail."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _check(staged: Path, final: Path) -> None:
    """A staged output is whole: a readable zip with every member's CRC right (.docx, .xlsx),
    a PDF header (.pdf), and not empty."""
    try:
        if staged.stat().st_size == 0:
            raise OutputError(f"{final}: came out empty; the folder was left as it was")
        if staged.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(staged) as z:
                bad = z.testzip()
            if bad:
                raise OutputError(f"{final}: part {bad} came out damaged; the folder was left as it was")
        elif staged.suffix == ".pdf" and not staged.read_bytes()[:5] == b"%PDF-":
            raise OutputError(f"{final}: is not a PDF; the folder was left as it was")
    except (OSError, zipfile.BadZipFile) as exc:
        why = describe(exc) if isinstance(exc, OSError) else "not a whole zip package"
        raise OutputError(f"{final}: came out unreadable ({why}); the folder was left as it was") from None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its renames are durable through the file system
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- locks -----------------------------------------------------------------------------------------
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _flock(fd: int) -> bool:
    """Lock the open lock file; False when someone removed or replaced it meanwhile."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _create_lock(path: Path) -> int | None:
    """Create the lock file already holding its owner's pid and flock (a file written and locked
    under a private name, then hard-linked to the lock's name, which fails if it exists), so no
    one ever sees a lock file without an owner. None if the lock exists."""
    tmp = path.with_name(f"{LOCK}.{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
    try:
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        _flock(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            os.close(fd)
            return None
        except OSError:  # a file system without hard links: create the name exclusively
            os.close(fd)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            _flock(fd)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        if not _same_file(fd, path):
            os.close(fd)
            return None
        return fd
    except FileExistsError:
        return None
    finally:
        tmp.unlink(missing_ok=True)


def _same_file(fd: int, path: Path) -> bool:
    """The locked file is still the one at `path` (not renamed away as stale meanwhile)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _stale(path: Path) -> bool:
    """A lock whose owner has gone. With flock: nobody holds it. Without flock: its pid is not
    running on this host."""
    if fcntl is None:  # pragma: no cover
        return not _pid_alive(path)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # held by a live process
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
    return True  # a lock file is created already locked (_create_lock): free means its owner died


def _pid_alive(path: Path) -> bool:
    try:
        pid, host = path.read_text(encoding="utf-8").split()[:2]
    except (OSError, ValueError):
        return False  # empty (its writer died before writing) or unreadable: not a live owner's
    if host != socket.gethostname():
        return True  # another machine's run on a shared folder: assume it is alive
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OverflowError):
        return True
    return True


def _remove_stale(path: Path) -> None:
    """Remove a stale lock by renaming it away first, so two runs removing it at once cannot
    remove a third run's fresh lock."""
    grave = path.with_name(f"{LOCK}.stale-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.replace(path, grave)
    except FileNotFoundError:
        return
    if _stale(grave):
        grave.unlink(missing_ok=True)
    else:  # a fresh lock was renamed by mistake: give it back unless another took its place
        try:
            os.link(grave, path)
        except FileExistsError:
            pass
        grave.unlink(missing_ok=True)


def _owner(path: Path) -> str:
    try:
        pid, host = path.read_text(encoding="utf-8").split()[:2]
        return f"process {pid} on {host}"
    except (OSError, ValueError):
        return f"see {LOCK}"

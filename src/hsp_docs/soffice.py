"""Finding and running headless LibreOffice, which is optional: without it the build still
succeeds, and what needs it (contents page numbers, the PDF) is skipped with one clear line."""
from __future__ import annotations

import atexit
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a build without LibreOffice never needs it
    import subprocess

ENV = "HSP_DOCS_SOFFICE"
_USUAL = {
    "win32": [r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}


def find_soffice(explicit: str | None = None) -> str | None:
    """--soffice PATH, then $HSP_DOCS_SOFFICE ('none' turns it off), then PATH, then usual places."""
    choice = explicit or os.environ.get(ENV)
    if choice:
        if choice.lower() == "none":
            return None
        return choice if Path(choice).exists() or shutil.which(choice) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for p in _USUAL.get(sys.platform, []):
        if Path(p).exists():
            return p
    return None


def _session_kwargs() -> dict:
    """Popen arguments putting the child in a process group of its own, so that a timeout or the
    end of the build can stop it with every process it started (soffice starts soffice.bin)."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_group(proc, grace: float = 0.0) -> None:
    """Stop a child started with _session_kwargs and all of its process group, and reap it."""
    if sys.platform == "win32":
        proc.kill()
    else:
        if grace:  # ask first: LibreOffice tidies its pipe and lock files on SIGTERM
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=grace)
            except (ProcessLookupError, PermissionError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the group outlives its leader: kill it whatever
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def version_stamp(program: str) -> str:
    """What identifies a LibreOffice installation's layout engine, for cache keys: the resolved
    program path and the content of its version file (not its timestamps)."""
    real = Path(shutil.which(program) or program).resolve()
    for candidate in (real.parent / "versionrc", real.parent / "version.ini",
                      real.parent.parent / "Resources" / "versionrc"):
        try:
            return f"{real}\n{candidate.read_text(errors='replace')}"
        except OSError:
            continue
    return str(real)


class Office:
    """The LibreOffice of one build.

    Every conversion runs as its own `soffice --convert-to` process in its own process group,
    killed whole on a timeout. Once `start()` is called (a build that will convert more than once
    calls it at its very beginning), one headless office is started in the background with a
    private profile and an empty document held open; conversions then hand their work to it
    through LibreOffice's own single-instance pipe, so the office starts once per build, while
    the build goes on, instead of once per conversion. (The open document matters: a headless
    office with nothing open quits after the first conversion handed to it.) If the office is
    not ready, or dies, conversions simply run on their own. `close()` (or leaving a `with`
    block, or the program ending) stops the office and anything still converting."""

    def __init__(self, program: str, ready_timeout: float = 60.0):
        self.program = program
        self.ready_timeout = ready_timeout
        self._home: Path | None = None  # the office's profile and its open document
        self._server: subprocess.Popen | None = None
        self._running: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the shared office in the background (returns at once)."""
        with self._lock:
            if self._server is not None or self._closed:
                return
            self._home = Path(tempfile.mkdtemp(prefix="hsp-lo-"))
            keep = self._home / "open.txt"
            keep.write_bytes(b"")
            cmd = [self.program, f"-env:UserInstallation={(self._home / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", str(keep)]
            try:
                self._server = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL, cwd=self._home, **_session_kwargs())
            except OSError:
                self._server = None
                return
        atexit.register(self.close)

    def _shared_profile(self) -> Path | None:
        """The running office's profile once it has opened its document; None if there is no
        usable office (never started, exited, or not ready in time: then it is stopped)."""
        if self._server is None or self._home is None:
            return None
        lock = self._home / ".~lock.open.txt#"  # written once the office has the document open
        deadline = time.monotonic() + self.ready_timeout
        while not lock.exists():
            if self._server.poll() is not None or time.monotonic() > deadline:
                self._stop_server()
                return None
            time.sleep(0.02)
        return self._home / "profile"

    def convert(self, source: Path, fmt: str, outdir: Path, timeout: int = 300) -> Path:
        """Convert one file; raises RuntimeError (the process group killed) after `timeout` s."""
        if self._closed:
            raise RuntimeError("LibreOffice was stopped: the build ended")
        shared = self._shared_profile()
        with tempfile.TemporaryDirectory(prefix="hsp-lo-") as private:
            profile = shared or Path(private) / "profile"
            cmd = [self.program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", fmt, "--outdir", str(outdir), str(source)]
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, **_session_kwargs())
            with self._lock:
                self._running.add(proc)
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                if shared:  # the office may be stuck on it: later conversions run on their own
                    self._stop_server()
                raise RuntimeError(f"LibreOffice did not finish converting {source.name} within {timeout} s") from None
            finally:
                with self._lock:
                    self._running.discard(proc)
        result = outdir / (source.stem + "." + fmt.split(":")[0])
        if proc.returncode != 0 or not result.exists():
            raise RuntimeError(f"LibreOffice could not convert {source.name}: {err.strip() or out.strip()}")
        return result

    def _stop_server(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            _kill_group(server, grace=2.0)

    def close(self) -> None:
        """Stop the office and every conversion still running; remove the office's profile."""
        atexit.unregister(self.close)
        with self._lock:
            self._closed = True
            running = list(self._running)
        for proc in running:
            _kill_group(proc)
        self._stop_server()
        if self._home is not None:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None


def convert(soffice: str | Office, source: Path, fmt: str, outdir: Path, timeout: int = 300) -> Path:
    """Convert one file with LibreOffice (a program path: its own private profile, so parallel
    runs don't collide; or a build's Office)."""
    if isinstance(soffice, Office):
        return soffice.convert(source, fmt, outdir, timeout)
    with Office(soffice) as office:
        return office.convert(source, fmt, outdir, timeout)


PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},' \
             '"ExportBookmarks":{"type":"boolean","value":"true"}}'


def to_pdf(soffice: str | Office, docx_bytes: bytes, timeout: int = 300) -> bytes:
    """A tagged PDF of a .docx, with its headings as PDF bookmarks."""
    with tempfile.TemporaryDirectory(prefix="hsp-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx_bytes)
        return convert(soffice, src, PDF_FILTER, Path(tmp), timeout).read_bytes()


def heading_pages(pdf_bytes: bytes) -> list[tuple[str, int]]:
    """(title, 1-based page) for each PDF bookmark, in document order."""
    from pypdf import PdfReader  # lazy: ~140 ms at import; only a LibreOffice render makes a PDF to read

    reader = PdfReader(io.BytesIO(pdf_bytes))
    out: list[tuple[str, int]] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append((it.title, reader.get_destination_page_number(it) + 1))

    walk(reader.outline)
    return out

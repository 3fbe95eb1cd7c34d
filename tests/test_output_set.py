"""The output folder is written as one set: old set or new set, never a mix; one run at a time;
what a killed run leaves is finished or removed by the next; every failure one line, exit 1."""
from __future__ import annotations

import errno
import io
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_INPUTS, validate_ooxml
from hsp_docs import outputs
from hsp_docs.cli import main
from hsp_docs.outputs import LOCK, OutputError, OutputFolder
from tests_helpers import BUILD_OUTPUTS

ENV = {**os.environ, "HSP_DOCS_SOFFICE": "none"}


def _zip(marker: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("marker.txt", marker)
    return buf.getvalue()


def _marker(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("marker.txt").decode()


def _visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _no_strays(folder: Path) -> None:
    strays = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert not strays, strays


# --- the commit itself ------------------------------------------------------------------------

def test_commit_replaces_the_set_and_removes_an_older_sets_extra_file(tmp_path):
    with OutputFolder(tmp_path, owned=("a.docx", "b.xlsx", "c.pdf")) as out:
        out.put("a.docx", _zip("1"))
        out.put("b.xlsx", _zip("1"))
        out.put("c.pdf", b"%PDF-1.7 one")
        out.commit()
    with OutputFolder(tmp_path, owned=("a.docx", "b.xlsx", "c.pdf")) as out:
        out.put("a.docx", _zip("2"))
        out.put("b.xlsx", _zip("2"))
        assert [p.name for p in out.commit()] == ["a.docx", "b.xlsx"]
        assert out.removed == ["c.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.xlsx"]
    assert {_marker(tmp_path / n) for n in ("a.docx", "b.xlsx")} == {"2"}


def test_leaving_without_commit_leaves_the_folder_as_it_was(tmp_path):
    (tmp_path / "a.docx").write_bytes(_zip("old"))
    with pytest.raises(RuntimeError), OutputFolder(tmp_path) as out:
        out.put("a.docx", _zip("new"))
        raise RuntimeError("a step failed")
    assert _marker(tmp_path / "a.docx") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_damaged_staged_file_is_refused_before_anything_moves(tmp_path):
    (tmp_path / "a.docx").write_bytes(_zip("old"))
    damaged = bytearray(_zip("new"))
    damaged[damaged.index(b"new")] ^= 0xFF  # the CRC no longer matches
    with pytest.raises(OutputError, match=r"a.docx: part marker.txt came out damaged"), OutputFolder(tmp_path) as out:
        out.put("a.docx", bytes(damaged))
        out.commit()
    assert _marker(tmp_path / "a.docx") == "old"
    _no_strays(tmp_path)


def test_a_move_that_fails_puts_the_old_files_back(tmp_path, monkeypatch):
    for n in ("a.docx", "b.xlsx"):
        (tmp_path / n).write_bytes(_zip("old"))
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if Path(dst).name == "b.xlsx" and Path(dst).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    with pytest.raises(OutputError) as exc, OutputFolder(tmp_path) as out:
        out.put("a.docx", _zip("new"))
        out.put("b.xlsx", _zip("new"))
        out.commit()
    assert "b.xlsx: cannot be replaced: permission denied" in str(exc.value)
    assert "previous outputs were put back" in str(exc.value)
    assert {_marker(tmp_path / n) for n in ("a.docx", "b.xlsx")} == {"old"}
    _no_strays(tmp_path)


def test_a_run_stopped_while_moving_in_is_finished_by_the_next(tmp_path, monkeypatch):
    for n in ("a.docx", "b.xlsx"):
        (tmp_path / n).write_bytes(_zip("old"))
    real = os.replace

    class Killed(BaseException):
        pass

    def replace(src, dst):
        if Path(dst).name == "b.xlsx" and Path(dst).parent == tmp_path:
            raise Killed  # stands for SIGKILL: nothing after this line of the run happens
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    monkeypatch.setattr(OutputFolder, "__exit__", lambda self, *a: None)  # a killed run cleans nothing
    out = OutputFolder(tmp_path)
    with pytest.raises(Killed):
        with out:
            out.put("a.docx", _zip("new"))
            out.put("b.xlsx", _zip("new"))
            out.commit()
    os.close(out._lock_fd)  # the kernel releases a killed process's lock
    monkeypatch.undo()
    assert {_marker(tmp_path / n) for n in ("a.docx", "b.xlsx")} == {"old", "new"}  # the mix, until:
    with OutputFolder(tmp_path) as nxt:
        assert any("finished moving in" in r for r in nxt.recovered)
    assert {_marker(tmp_path / n) for n in ("a.docx", "b.xlsx")} == {"new"}
    _no_strays(tmp_path)


# --- the lock ---------------------------------------------------------------------------------

def test_a_live_lock_stops_a_second_run_with_a_message(tmp_path):
    with OutputFolder(tmp_path):
        with pytest.raises(OutputError) as exc, OutputFolder(tmp_path):
            pass
    assert f"another hsp-docs run is writing to this folder (process {os.getpid()} on" in str(exc.value)
    assert "choose another folder with -o" in str(exc.value)
    _no_strays(tmp_path)


@pytest.mark.parametrize("content", ["999999999 {host}\n", "{pid} {host}\n", "garbage", ""])
def test_a_stale_lock_of_a_dead_run_is_taken_over(tmp_path, content):
    import socket

    (tmp_path / LOCK).write_text(content.format(host=socket.gethostname(), pid=os.getpid()), encoding="utf-8")
    (tmp_path / ".hsp-docs-staging-999999999-abcd").mkdir()
    (tmp_path / ".hsp-docs-staging-999999999-abcd" / "a.docx").write_bytes(b"half")
    (tmp_path / ".report.docx.x1y2.part").write_bytes(b"half")
    with OutputFolder(tmp_path) as out:
        out.put("a.docx", _zip("new"))
        out.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_lock_held_by_another_process_is_respected_until_it_dies(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom hsp_docs.outputs import OutputFolder\n"
                               "with OutputFolder(sys.argv[1]):\n    print('locked', flush=True)\n"
                               "    time.sleep(60)\n", str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError) as exc, OutputFolder(tmp_path):
            pass
        assert f"(process {holder.pid} on " in str(exc.value)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with OutputFolder(tmp_path) as out:  # its lock is stale now: taken over
        out.put("a.docx", _zip("x"))
        out.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"), OutputFolder(tmp_path / "out"):
        pass


# --- builds through the command line ------------------------------------------------------------

def _two_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """Two inputs folders whose reports differ by a word in the title, to tell their sets apart."""
    import shutil

    folders = []
    for tag in ("OLDSET", "NEWSET"):
        f = tmp_path / tag / "2022-23"
        shutil.copytree(DEFAULT_INPUTS, f)
        toml = (f / "report.toml").read_text(encoding="utf-8")
        (f / "report.toml").write_text(toml.replace('title = "Annual Report 2022-23"',
                                                    f'title = "Annual Report 2022-23 {tag}"', 1), encoding="utf-8")
        folders.append(f)
    return folders[0], folders[1]


def _set_of(folder: Path) -> str:
    """Which build made the folder's report and workbook; fails unless both are whole and agree."""
    names = sorted(p.name for p in folder.iterdir())
    assert names == BUILD_OUTPUTS, names
    tags = set()
    for name, part in (("report.docx", "docProps/core.xml"), ("datapack.xlsx", "docProps/core.xml")):
        with zipfile.ZipFile(folder / name) as z:
            assert z.testzip() is None
            core = z.read(part).decode()
        tags |= {t for t in ("OLDSET", "NEWSET") if t in core}
    assert len(tags) == 1, f"a mixed set: {tags}"
    return tags.pop()


def test_sigkill_at_random_points_never_leaves_a_mixed_set(tmp_path):
    old, new = _two_inputs(tmp_path)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "hsp_docs.cli", "build", str(old), "-o", str(out)], env=ENV,
                   check=True, capture_output=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hsp_docs.cli", "build", str(new), "-o", str(out)], env=ENV,
                   check=True, capture_output=True)
    took = time.perf_counter() - t0
    subprocess.run([sys.executable, "-m", "hsp_docs.cli", "build", str(old), "-o", str(out)], env=ENV,
                   check=True, capture_output=True)
    rng = random.Random(21)
    seen = set()
    for i in range(24):
        src = new if i % 2 == 0 else old
        proc = subprocess.Popen([sys.executable, "-m", "hsp_docs.cli", "build", str(src), "-o", str(out)],
                                env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, took * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with OutputFolder(out):  # what the next run does first
            pass
        seen.add(_set_of(out))
    assert seen  # every round above asserted a whole, matching set
    validate_ooxml(out / "report.docx", out / "datapack.xlsx")


def test_sigterm_or_ctrl_c_leave_a_whole_set_and_nothing_else_at_once(tmp_path):
    """Unlike SIGKILL, these let the run clean up: no staging, no lock, not even until the next run."""
    old, new = _two_inputs(tmp_path)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "hsp_docs.cli", "build", str(old), "-o", str(out)], env=ENV,
                   check=True, capture_output=True)
    rng = random.Random(15)
    for i in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "hsp_docs.cli", "build", str(new if i % 2 else old), "-o",
                                 str(out)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        first = proc.stderr.readline()  # the program is running (a signal during Python's start-up is not ours)
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGTERM if i % 3 else signal.SIGINT)
        _, err = proc.communicate()
        err = first + err
        _no_strays(out)
        _set_of(out)
        assert "Traceback" not in err


_COMMITTER = textwrap.dedent("""
    import io, sys, zipfile
    from hsp_docs.outputs import OutputFolder

    def zipped(marker):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("marker.txt", marker)
            z.writestr("padding.bin", b"x" * 200_000)
        return buf.getvalue()

    n = 0
    while True:
        n += 1
        with OutputFolder(sys.argv[1], owned=("a.docx", "b.xlsx", "c.pdf")) as out:
            for name in ("a.docx", "b.xlsx"):
                out.put(name, zipped(f"{sys.argv[2]}-{n}"))
            out.commit()
""")


def test_sigkill_while_committing_sets_over_and_over(tmp_path):
    """Kills land in every step of the commit (staging, the commit record, the renames)."""
    out = tmp_path / "out"
    rng = random.Random(2121)
    for i in range(30):
        proc = subprocess.Popen([sys.executable, "-c", _COMMITTER, str(out), str(i)], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.15, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with OutputFolder(out):
            pass
        names = sorted(p.name for p in out.iterdir())
        if names:
            assert names == ["a.docx", "b.xlsx"], names
            assert _marker(out / "a.docx") == _marker(out / "b.xlsx")


def test_disk_full_mid_build_is_one_line_and_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(DEFAULT_INPUTS), "-o", str(out)], env=ENV).exit_code == 0
    before = _visible(out)
    real = outputs._write

    def full(path, blob):
        if Path(path).name == "datapack.xlsx":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, blob)

    monkeypatch.setattr(outputs, "_write", full)
    res = runner.invoke(main, ["build", str(DEFAULT_INPUTS), "-o", str(out)], env=ENV)
    assert res.exit_code == 1
    last = res.stderr.strip().splitlines()[-1]
    assert last == f"error: {out / 'datapack.xlsx'}: cannot be written: the disk is full; the folder was left as it was"
    assert "Traceback" not in res.stderr
    assert _visible(out) == before


def test_read_only_output_folder_is_one_line(tmp_path):
    if os.geteuid() == 0:
        target = Path("/proc/hsp-docs-out")  # root ignores permissions; /proc refuses new folders
    else:
        target = tmp_path / "ro" / "out"
        (tmp_path / "ro").mkdir(mode=0o500)
    res = CliRunner().invoke(main, ["build", str(DEFAULT_INPUTS), "-o", str(target)], env=ENV)
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines()[-1].startswith(f"error: {target}: cannot create the output folder")


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "file").write_text("a file")
    cmd = [sys.executable, "-m", "hsp_docs.cli", "build", str(DEFAULT_INPUTS), "-o", str(tmp_path / "file" / "out")]
    plain = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    debug = subprocess.run(cmd[:3] + ["--debug"] + cmd[3:], env=ENV, capture_output=True, text=True)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert plain.stderr.strip().splitlines()[-1] == (f"error: {tmp_path / 'file' / 'out'}: cannot create the output "
                                                     "folder: Not a directory")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_two_builds_into_one_folder_at_once(tmp_path):
    cmd = [sys.executable, "-m", "hsp_docs.cli", "build", str(DEFAULT_INPUTS), "-o", str(tmp_path)]
    procs = [subprocess.Popen(cmd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert any(rc == 0 for _, _, rc in results)
    for _, err, rc in results:
        assert rc == 0 or "another hsp-docs run is writing to this folder" in err.strip().splitlines()[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == BUILD_OUTPUTS
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")


def test_input_workbook_never_overwrites(tmp_path):
    target = tmp_path / "datasets.xlsx"
    target.write_bytes(b"a filled workbook")
    res = CliRunner().invoke(main, ["input-workbook", str(target)])
    assert res.exit_code == 1
    assert f"error: {target} already exists" in res.stderr
    assert target.read_bytes() == b"a filled workbook"
    assert CliRunner().invoke(main, ["input-workbook", str(tmp_path / "new.xlsx")]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets.xlsx", "new.xlsx"]


def test_a_folder_where_an_output_goes_is_named(tmp_path):
    (tmp_path / "report.docx").mkdir()
    res = CliRunner().invoke(main, ["build", str(DEFAULT_INPUTS), "-o", str(tmp_path)], env=ENV)
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines()[-1] == (f"error: {tmp_path / 'report.docx'}: is a folder, so the output "
                                                   "cannot take its name: move it away; the folder was left as it was")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]

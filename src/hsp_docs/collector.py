"""Python's cyclic garbage collector, for a command-line run.

A build allocates a few hundred thousand short-lived containers (rows, cells, XML strings,
lxml proxies) and almost no reference cycles: reference counting frees all of it as it goes.
Yet the cyclic collector walked those objects some eighty times during a default build, and
the interpreter walked everything still alive once more at exit: together 30 to 50 ms of a
0.28 s `hsp-docs build` (benchmarks/README.md).

So the `hsp-docs` program (`cli.run`), which runs one command and ends, turns the collector
off for the rest of its process and freezes what is left at exit (`gc.freeze`), which the
interpreter's final collection then skips. Nothing else changes: reference counting frees
objects as before, files are written and closed explicitly, and exit handlers still run. The
library (`build_all`, `build_report`) and `cli.main` leave the collector alone: a program that
calls them keeps running, and its own cycles must be found.
"""
from __future__ import annotations

import atexit
import gc


def off_for_this_process() -> None:
    """Turn the collector off until the process ends, and skip the final collection at exit."""
    if gc.isenabled():
        gc.disable()
        atexit.register(gc.freeze)

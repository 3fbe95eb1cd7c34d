"""Python's cyclic garbage collector, for a command-line run.

A build allocates a few hundred thousand short-lived containers (rows, cells, XML strings,
lxml proxies) and almost no reference cycles: reference counting frees all of it as it goes.
Yet the cyclic collector walks those objects again and again during a build, and the
interpreter walks everything still alive once more at exit: work that frees nothing, and a
noticeable share of a short build's time (benchmarks/README.md measures it).

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

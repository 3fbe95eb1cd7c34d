"""One line for any failure the command line reports: the file or setting, and what went wrong."""
from __future__ import annotations

from .errors import BuildError, InputError


def explain(exc: BaseException) -> str:
    """The message a user sees for `exc`, without a traceback."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, BuildError):
        return f"error: {exc}"
    name = type(exc).__name__
    if name == "NarrativeError":
        return f"error: {exc}"
    if isinstance(exc, OSError):
        # lazy: outputs.py (socket, secrets: ~40 ms at import) is needed only to explain this failure
        from .outputs import describe

        where = exc.filename or "a file"
        return f"error: {where}: {describe(exc)}"
    if isinstance(exc, MemoryError):
        return "error: out of memory: the inputs are too large for this machine (see docs/inputs.md, limits)"
    if isinstance(exc, RecursionError):
        return "error: a template or input nests too deeply (a macro calling itself?)"
    detail = str(exc).splitlines()[0] if str(exc) else name
    return f"error: unexpected failure ({name}: {detail}); run with --debug for the traceback and report it"

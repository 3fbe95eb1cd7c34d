"""Compiled Jinja templates kept between builds.

Jinja compiles a template to Python on every load, and the narrative files and the master
template's XML parts rarely change between builds. `compile_cached` keeps the compiled code in
Jinja's own bytecode cache (`FileSystemBytecodeCache`, which recompiles when the source changes), in the
user's cache folder (cache.py: `HSP_DOCS_CACHE=DIR` moves it, `HSP_DOCS_CACHE=none` turns it off).
"""
from __future__ import annotations

import hashlib

from jinja2 import FileSystemBytecodeCache
from jinja2.sandbox import SandboxedEnvironment

from .cache import cache_dir


def _bytecode_cache():
    root = cache_dir()
    if root is None:
        return None
    try:
        (root / "jinja").mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(root / "jinja"))
    except (OSError, RuntimeError):
        return None


_BCC = _bytecode_cache()


def _settings(env) -> str:
    """What in an environment changes the code it compiles, so two differently set up
    environments never share a cache entry."""
    def label(v):
        return getattr(v, "__qualname__", None) or repr(v)

    return "|".join(label(v) for v in (
        type(env), env.autoescape, env.finalize, env.undefined, env.trim_blocks, env.lstrip_blocks,
        env.keep_trailing_newline, env.block_start_string, env.variable_start_string, env.comment_start_string,
        env.line_statement_prefix, env.newline_sequence, sorted(env.extensions)))


def compile_cached(env, source: str, name: str):
    """The code object of `source` compiled by `env`, from the cache when it is there; `name`
    (a file name, say) and the environment's settings key the entry."""
    if _BCC is None:
        return env.compile(source, name=name, filename=name)
    key = f"{_settings(env)}:{name}"
    bucket = _BCC.get_bucket(env, key, name, source)
    if bucket.code is None:
        bucket.code = env.compile(source, name=name, filename=name)
        try:
            _BCC.set_bucket(bucket)
        except OSError:
            pass
    return bucket.code


class CachedSandbox(SandboxedEnvironment):
    """A sandboxed environment whose `from_string` templates come through the cache: docxtpl
    compiles each XML part and property of the master with `from_string` on every build."""

    def from_string(self, source, globals=None, template_class=None):
        if not isinstance(source, str):  # a parsed template (compile_expression's): nothing to cache by
            return super().from_string(source, globals, template_class)
        name = "<string " + hashlib.sha1(source.encode("utf-8")).hexdigest() + ">"
        cls = template_class or self.template_class
        return cls.from_code(self, compile_cached(self, source, name), self.make_globals(globals), None)

"""Compiled templates, kept from one build to the next by the same process (``mkdocs serve``).

MkDocs makes a new Jinja environment for every build, so every rebuild
under ``mkdocs serve`` compiles Material's ``base.html``, its partials and
the project's templates again: some 30 templates, 0.15–0.3 s of each
rebuild.  Jinja can keep compiled templates in a bytecode cache; this one
lives in memory, in the plugin instance, for as long as the process.

Jinja reuses a compiled template only when its source is the same (by
checksum); the entry's key adds the template's name and file and every
setting of the environment that changes the compiled code, so an edited
template, another theme or other settings compile afresh.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """A Jinja bytecode cache in memory, keyed by template and environment settings."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        """The bucket for a template (Jinja checks the source's checksum when it loads it)."""
        key = self.get_cache_key(repr((name, filename, _settings(environment, name))))
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from memory, if this template was compiled before."""
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the template ``bucket`` holds."""
        self._store[bucket.key] = bucket.bytecode_to_string()


def _settings(env: jinja2.Environment, name: str) -> tuple:
    """What, besides the source, the code Jinja compiles a template to depends on."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return (autoescape, env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
            getattr(env.finalize, "__qualname__", env.finalize), sorted(env.extensions),
            type(env).__qualname__, jinja2.__version__)

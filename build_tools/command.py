"""The installed ``catalogue`` command's entry point.

Importing the command's modules (MkDocs, Markdown, the core) takes a moment
before :func:`build_tools.cli.main` can answer Ctrl-C with one line; an
interrupt in that moment is answered the same way here, never with a
traceback.
"""

from __future__ import annotations

import sys


def run() -> None:
    """:func:`build_tools.cli.run` (which never returns), Ctrl-C while it is imported included.

    Nothing is imported here before the ``try`` but :mod:`sys`: only the
    interpreter's own start (some 20 ms) is left outside it."""
    try:
        from .cli import run as command
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        raise SystemExit(130) from None
    command()

"""Progress bars for long builds: on a terminal only, never in CI logs."""

from __future__ import annotations

import os
import sys

from tqdm import tqdm


def progress_bar(total: int, label: str):
    """A bar counting ``total`` steps, or None where nobody watches (not a terminal, CI, NO_PROGRESS)."""
    if total <= 0 or not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("NO_PROGRESS"):
        return None
    return tqdm(total=total, desc=label, unit="页", leave=False, file=sys.stderr, dynamic_ncols=True)

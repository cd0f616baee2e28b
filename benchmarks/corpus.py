"""The generated catalogue a benchmark runs on, written once and reused by later runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_corpus(work: Path, records: int, seed: int) -> Path:
    """``work``, holding ``catalogue generate records --seed seed`` unless it already holds a catalogue."""
    if not (work / "catalogue").is_dir():
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "build_tools.cli", "generate", str(records), "--out", str(work),
                        "--seed", str(seed)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return work

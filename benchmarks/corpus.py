"""The generated catalogue a benchmark runs on, written once and reused by later runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_corpus(work: Path, records: int, seed: int, profile: str = "generated") -> Path:
    """``work``, holding ``catalogue generate records --seed seed --profile profile`` unless it already holds a catalogue.

    ``profile`` is ``generated`` (records of 1–8 KB) or ``long`` (every policy
    a 规章 or 办法 of 20–250 KB); keep one ``work`` folder per profile.
    """
    if not (work / "catalogue").is_dir():
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "build_tools.cli", "generate", str(records), "--out", str(work),
                        "--seed", str(seed), "--profile", profile], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return work

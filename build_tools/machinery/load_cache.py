"""Remembering what each record file validated to, so an unchanged file is not parsed again.

Reading and validating is most of the time ``catalogue check`` takes (YAML
parsing alone is half of it).  A build that changes one record of 10,000
(the usual case while an editor previews with ``mkdocs serve``) need only
parse that one: every other file's outcome is taken from the cache.

An outcome is reused only when the file's bytes are the same (by hash), the
configuration is the same, and every other file the validation looked at
(its attachments) still exists or is still missing as it was.  Rules that
look across records (duplicates, links, deadlines) always run afresh.

The stored outcomes are keyed by :func:`~.cache.environment_digest` (the
whole package's code, the versions of PyYAML and the other libraries,
Python) and the configuration, so an upgrade reads every file again.  Each
file is sealed (length and digest, :func:`~.cache.seal`) and written
durably: a file that is damaged (empty, cut, bit-flipped, unreadable, or
whose payload does not unpickle) is removed, reported once, and the load
parses the files it would have answered for.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import secrets
from collections.abc import Collection, Iterator
from pathlib import Path

from .cache import (LOAD_CACHE_FILES, Damage, discard, environment_digest, fingerprint, note_unwritable, read_regular,
                    seal, stable, unseal, write_durably)
from .forked import Background

_FORMAT = 3
_FILE, _DELTA = LOAD_CACHE_FILES


EVERY_FILE = "\0every file"
"""The key, among the paths a validation asked about, of the digest of the whole file set (:func:`files_digest`)
that its outcome depends on (:meth:`ProbedFiles.every`)."""


@functools.lru_cache(maxsize=2)
def _set_digest(files: frozenset[str]) -> str:
    return hashlib.blake2b("\0".join(sorted(files)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def files_digest(files: Collection[str]) -> str:
    """A digest of the catalogue's file set, the same in every process (made once per set)."""
    return _set_digest(files if isinstance(files, frozenset) else frozenset(files))


class ProbedFiles(Collection[str]):
    """The catalogue's file set, noting every path a validation asks about."""

    def __init__(self, files: Collection[str]) -> None:
        self._files = files
        self.asked: dict[str, bool] = {}
        self.whole = False
        """Whether a validation read the whole set (:meth:`every`): its outcome is not remembered."""

    def every(self) -> Collection[str]:
        """The whole set, for a validation whose outcome depends on every file there is."""
        self.whole = True
        return self._files

    def __contains__(self, path: object) -> bool:
        present = path in self._files
        self.asked[str(path)] = present
        return present

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


class LoadCache:
    """The validated outcome of every record file of the last load, by path.

    The cache is ``validated.pickle`` under ``root`` (plus a small
    ``validated-delta.pickle`` of recent changes); it is only ever written by
    this program.  Deleting it costs one full load.
    """

    def __init__(self, root: str | Path, config: object) -> None:
        self.path = Path(root) / _FILE
        self._delta_path = Path(root) / _DELTA
        self._config_key = _config_key(config)
        self._base: dict[str, tuple[bytes, dict[str, bool], object]] = {}
        self._base_id = ""
        self._entries: dict[str, tuple[bytes, dict[str, bool], object]] = {}
        self._fresh: dict[str, tuple[bytes, dict[str, bool], object]] = {}
        self._writing: Background | None = None
        damage = Damage(Path(root))
        stored = _read(self.path, self._config_key, damage)
        if stored is not None and stored[0] == self._config_key:
            _, self._base_id, base = stored
            self._base = base
            self._entries = dict(base)
            delta = _read(self._delta_path, self._base_id, damage)
            if delta is not None and delta[0] == self._base_id:
                _, changed, removed = delta
                self._entries.update(changed)
                for rel in removed:
                    self._entries.pop(rel, None)

    @classmethod
    def reopen(cls, previous: LoadCache | None, root: str | Path, config: object) -> LoadCache:
        """The cache for ``root`` and ``config``, carrying on from ``previous`` when it is for the same.

        A process that loads the same catalogue again (``mkdocs serve``
        rebuilding after an edit) need not read the stored file again: it
        holds the outcomes of its last load already.  Those are the very
        objects that load returned, so an unchanged record is the same
        object from one load to the next, which lets later stages remember
        what they made of it.  ``previous`` is carried on only when it is
        for the same directory, configuration and loader code.
        """
        if previous is not None:
            previous.wait()
        if (previous is not None and previous.path == Path(root) / _FILE
                and previous._config_key == _config_key(config)):
            previous._fresh = {}  # what a load that failed halfway had noted is not kept
            return previous
        return cls(root, config)

    @staticmethod
    def digest(data: bytes) -> bytes:
        """The hash a file's bytes are remembered by."""
        return hashlib.blake2b(data, digest_size=16).digest()

    def knows(self, rel: str) -> bool:
        """Whether an outcome is remembered for ``rel`` (with whatever bytes)."""
        return rel in self._entries

    def get(self, rel: str, digest: bytes, files: Collection[str]):
        """The remembered outcome for ``rel`` with these bytes, or None."""
        entry = self._entries.get(rel)
        if entry is None or entry[0] != digest:
            return None
        asked = entry[1]
        if EVERY_FILE in asked:  # an outcome that depends on every file there is (ProbedFiles.every)
            if asked[EVERY_FILE] != files_digest(files):
                return None
        elif any((path in files) != present for path, present in asked.items()):
            return None
        self._fresh[rel] = entry
        return entry[2]

    def put(self, rel: str, digest: bytes, asked: dict[str, bool], outcome: object) -> None:
        """Remember ``outcome`` for ``rel`` and the paths its validation looked at."""
        self._fresh[rel] = (digest, asked, outcome)

    def save(self) -> None:
        """Write the outcomes of this load, if anything changed; entries of deleted files go.

        A few changed files (an editor's preview) are written as a small
        delta beside the whole set, which is rewritten only when the delta
        grows large: pickling 10,000 records takes longer than the rebuild
        of the one that changed.  The whole set of a large catalogue is
        written by a forked process while the build goes on (:meth:`wait`).
        """
        fresh, self._fresh = self._fresh, {}
        if fresh.keys() == self._entries.keys() and all(fresh[k] is self._entries[k] for k in fresh):
            return
        self.wait()  # a write still under way comes first
        # From here on the outcomes of this load are the ones remembered,
        # in memory (a next load by :meth:`reopen`) as on disk.
        self._entries = fresh
        changed = {k: v for k, v in fresh.items() if self._base.get(k) is not v}
        removed = [k for k in self._base if k not in fresh]
        if self._base and len(changed) + len(removed) <= max(50, len(self._base) // 20):
            _store(self._delta_path, (self._base_id, changed, removed))
            return
        self._base, self._base_id = fresh, secrets.token_hex(8)
        self._writing = _dump(self.path, (self._config_key, self._base_id, fresh), records=len(fresh),
                              superseded=self._delta_path)

    def wait(self) -> None:
        """Return once what :meth:`save` wrote is on disk (a failure to write raised here)."""
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.wait()


def _config_key(config: object) -> str:
    # Everything an outcome is made from besides the file's bytes: the code
    # and libraries (the whole package, PyYAML …) and the configuration.
    return fingerprint(_FORMAT, environment_digest(), stable(config))


def _read(path: Path, expected: str, damage: Damage) -> tuple | None:
    """The tuple stored in ``path`` for ``expected``, or None.

    None when there is none yet, when it was made for another key (another
    configuration or version: not unpickled at all), or when it is damaged
    (then it is removed and reported).
    """
    try:
        blob = read_regular(path)
    except FileNotFoundError:
        return None  # none yet (or replaced by another build this instant: a miss)
    except OSError as exc:
        reason = f"无法读取：{exc.strerror or exc}"
    else:
        entry = unseal(path.name, blob)
        reason = "空文件" if not blob else "长度或校验值不符"
        if entry is not None and entry[0] != expected.encode():
            return None
        if entry is not None:
            try:
                value = pickle.loads(entry[1])
                if isinstance(value, tuple) and len(value) == 3:
                    return value
            except Exception:  # noqa: BLE001 - any payload that does not unpickle is a miss
                pass
            reason = "内容无法读取"
    discard(path)
    damage.found(path, reason)
    return None


_APART = 500
"""From this many records on, the whole set is pickled in a forked process (see :func:`_dump`)."""


def _dump(path: Path, value: tuple, records: int = 0, superseded: Path | None = None) -> Background | None:
    """Store ``value`` (its first item is the key it is read back for) sealed, fsynced and renamed, then
    remove ``superseded`` (the delta of the set it replaces).

    ``records`` at least :data:`_APART`: pickled and written by a forked
    process, returned for the caller to wait for, as pickling here would
    leave a UTF-8 copy inside every string it wrote, all the records' text
    once more; and the build need not wait for it (some 0.15 s at 1,000
    long laws, more than a second at 10,000).
    """
    def write() -> None:
        _store(path, value)
        if superseded is not None:
            try:
                superseded.unlink(missing_ok=True)
            except OSError as exc:  # a read-only disk …: the next load finds a delta for another set, a miss
                note_unwritable(path.parent, exc)

    if records >= _APART:
        return Background(write)
    write()
    return None


def _store(path: Path, value: tuple) -> None:
    """``value`` sealed at ``path``; a cache that cannot be written (a full disk …) is said once, never
    an error: the next load parses the files again."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_durably(path, seal(path.name, data, note=str(value[0]).encode()))
    except OSError as exc:
        note_unwritable(path.parent, exc)

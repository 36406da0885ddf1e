"""What the loader made of each file, kept so that an unchanged file is not parsed again.

Building Python objects from YAML is most of the time dothi spends, and the secretariat and CI
run it again and again on files that did not change. Each entry holds one file's loaded values,
their positions, its lines and its problems, under a key made of dothi's version, a fingerprint
of dothi's code, the file's path and its bytes, so an entry is never stale: a changed file, or a
changed dothi, has another key.

The folder sits in the data repository, where anyone who can open a pull request, or restore a
CI cache, can put files. So nothing in it is believed because it is there:

- every shard carries a MAC (HMAC-SHA256) made with a key that never leaves the user's own cache
  folder (``$XDG_CACHE_HOME/dothi/key``, mode 0600): a shard copied in, forged or restored from
  elsewhere does not verify and is rebuilt from the files, and it is checked before ``marshal``
  reads a byte of it;
- a shard is read only if it is a regular file (not a symlink, a device or a FIFO) of bounded size,
  and an entry only if it has the shape dothi writes;
- a ``.dothi-cache`` that is a symlink or not a folder is not used, and never written through:
  writes go through a descriptor of the folder opened without following symlinks;
- a caller that must not trust what an earlier run left (CI) gets a cache that lives in memory
  for this run only.

Without the key (a read-only home), the cache only lives in memory: dothi runs as with
``--no-cache``. Deleting the folder, or the key, is always safe. The folder ignores itself in git.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import hmac
import marshal
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from dothi import __version__
from dothi.data import atomic
from dothi.problem import Problem, Severity, Text

if TYPE_CHECKING:  # the loader imports PyYAML, which a run that parses nothing never needs
    from dothi.data.listing import Seen
    from dothi.data.loader import LoadedFile

CACHE_DIR = ".dothi-cache"
FORMAT = 4  # bump when the entry layout changes
SHARD_SUFFIX = ".marshal"
SHARDS = "0123456789abcdef"
MAGIC = b"dothi\x003\n"  # a shard: MAGIC, the MAC of what follows, then the marshal data
MAC_SIZE = hashlib.sha256().digest_size
HEADER_SIZE = len(MAGIC) + MAC_SIZE
MAX_SHARD = 128 * 1024 * 1024  # 100,000 items make shards of ~8 MB: this leaves room, and bounds memory
SECRET_FILE = "key"
SEEN_FILE = "seen"  # each file's digest by its stat (``FileCache.known_digest``), sealed as a shard is
MAX_SEEN = 64 * 1024 * 1024  # about 200 bytes a file
CODE_FILE = "code"  # the key of the code that last wrote entries: a hint for a cold run (see ``cold``)
SECRET_SIZE = 32
KEY_LIMIT = 256  # a key in hex, and room for one that is wrong
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open before we can see it is one
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_BY_DESCRIPTOR = os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd  # replace: renameat too


class FileCache:
    """Entries for the files of one data repository, in 16 shards in ``folder``.

    One file per entry would make thousands of small files, and creating files is slow on some
    file systems; 16 shards keep a change cheap (one shard rewritten) and the folder small.
    With ``secret`` None the cache neither reads nor writes the folder: what one run loads serves
    that run only. Call :meth:`flush` after loading: it writes what changed and drops what no
    file uses.
    """

    def __init__(self, folder: Path, secret: bytes | None) -> None:
        self.folder = folder
        self.secret = secret
        self.shards: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.changed: set[str] = set()
        self.outcomes: dict[tuple[str, str], Any] = {}  # this run's, by path and digest of the bytes
        self.results: dict[str, Any] = {}  # this run's whole results, by the key of every file
        self.snapshot_read: str | None = None  # the key of the snapshot on disk, once read
        self.kept: Any = None  # what the snapshot holds (snapshot.Kept)
        self.parsed = False  # a file was parsed this run: no snapshot yet (see flush)
        self.to_snapshot: tuple[str, Any] | None = None  # the last whole result of the disk's files
        self.missed: dict[str, tuple[bytes, str]] = {}  # get found no entry: the bytes and their key
        # every file was asked for (a whole result was made): only then is an entry no file used
        # stale; a run answered from the snapshot, or an edit, reads a file or two
        self.whole = False
        self.seen: dict[str, tuple[Any, ...]] | None = None  # by path: (*Seen, digest), once read
        self.seen_used: set[str] = set()
        self.seen_changed = False

    # What each file's bytes hash to, by its stat (listing.digest_of): a run that finds a file
    # as a run before it saw it neither reads nor hashes it.

    def known_digest(self, relative: str, seen: Seen) -> str | None:
        self.seen_used.add(relative)
        entry = self._seen().get(relative)
        return entry[5] if _seen_entry(entry, seen) else None

    def note_digest(self, relative: str, seen: Seen, digest: str) -> None:
        if self.secret is not None:
            self._seen()[relative] = (*seen, digest)
            self.seen_changed = True

    def forget_digest(self, relative: str) -> None:
        """The file's bytes are not what its stat stood for: read it until its stat changes."""
        if self._seen().pop(relative, None) is not None:
            self.seen_changed = True

    def _seen(self) -> dict[str, tuple[Any, ...]]:
        if self.seen is None:
            found = self._sealed(SEEN_FILE, MAX_SEEN) if self.secret is not None else {}
            self.seen_changed = found is None  # not what dothi writes: written again
            self.seen = found or {}  # each entry's shape is checked when it is looked up (``_seen_entry``)
        return self.seen

    # What this run made of each file, and of the whole repository (repository.Memo).

    def outcome(self, relative: str, digest: str) -> Any:
        return self.outcomes.get((relative, digest))

    def keep_outcome(self, relative: str, digest: str, outcome: Any) -> None:
        self.outcomes[(relative, digest)] = outcome

    def result(self, key: str, root: Path, near: bool = False) -> Any:
        """A whole result of this run, or the snapshot an earlier run left of the same files
        (``near``: or of files some of which changed since, see :meth:`near`)."""
        found = self.results.get(key)
        if found is None and self.secret is not None and self.snapshot_read is None:
            from dothi.data import snapshot

            self.kept = snapshot.read(self, key, near)
            self.snapshot_read = self.kept.key if self.kept is not None else ""
            if self.kept is not None and self.kept.key == key:
                found = self.results[key] = self.kept.result(root, self)
        return found

    def near(self, root: Path, digests: dict[str, str]) -> tuple[Any, list[str]] | None:
        """The result of the snapshot read by :meth:`result`, when it is of the same files as
        ``digests`` (by path), and the files whose bytes differ from its."""
        if self.kept is None or self.kept.digests.keys() != digests.keys():
            return None
        changed = [relative for relative, digest in digests.items() if self.kept.digests[relative] != digest]
        return self.kept.result(root, self), changed

    def validated(self, relative: str, digest: str) -> tuple[Any, list[Problem]] | None:
        """The model and problems of a file the snapshot holds with these bytes (not when invalid)."""
        kept = self.kept.files.get(relative) if self.kept is not None else None
        if kept is None or kept[0] != digest or kept[1] is None:
            return None
        return kept[1], kept[2]

    def keep_result(self, key: str, result: Any, persist: bool) -> None:
        self.results[key] = result
        if persist:  # a whole result of the files as they are: every file was asked for
            self.whole = True
            self.to_snapshot = (key, result)

    def key(self, relative: str, raw: bytes) -> str:
        digest = hashlib.sha256(f"{_made_by()}\0{relative}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def get(self, relative: str, raw: bytes) -> LoadedFile | None:
        missed = self.missed.get(relative)
        if missed is not None and missed[0] is raw:  # asked already, and put since would have said
            return None
        key = self.key(relative, raw)
        self.used.add(key)
        entry = self._shard(key[0]).get(key)
        if entry is None:
            self.missed[relative] = (raw, key)  # asked again, or put: the bytes are hashed once
            return None
        try:
            return decode(entry, raw, relative)
        except (ValueError, TypeError):  # not what dothi writes: drop it, the file is read again
            self.changed.add(key[0])
            return None

    def put(self, relative: str, raw: bytes, loaded: LoadedFile) -> None:
        self.parsed = True
        missed = self.missed.pop(relative, None)
        key = missed[1] if missed is not None and missed[0] is raw else self.key(relative, raw)
        self.used.add(key)
        self._shard(key[0])[key] = encode(loaded)
        self.changed.add(key[0])

    def flush(self, snapshot: bool = True) -> None:
        """Write the shards that gained or lost entries, and (``snapshot``) the snapshot of the
        last whole result; a folder that cannot be written is skipped. An edit asks for none
        once it has made its change: what it made since is of the files as the change leaves
        them, which a dry run does not write."""
        self.missed.clear()
        if self.secret is None:
            return
        if not snapshot:
            self.to_snapshot = None
        # the snapshot is made by a run that parsed nothing: a one-off run does not pay for it
        if self.to_snapshot is not None and self.to_snapshot[0] != self.snapshot_read and not self.parsed:
            from dothi.data import snapshot as snapshots

            key, result = self.to_snapshot
            self.to_snapshot = None
            snapshots.write(self, key, result)
        pending = self._to_write()
        if not pending:
            return
        try:
            with opened_folder(self.folder, create=True) as folder:
                for name, entries in pending.items():
                    self._write(folder, name, marshal.dumps(entries))
                if self.parsed:
                    _mark_code(folder)
        except (OSError, ValueError):  # read-only folder, a symlink, or a value marshal cannot hold
            return

    def _to_write(self) -> dict[str, dict[str, Any]]:
        """The shards (and the stats) that gained or lost entries, pruned, by name."""
        if self.changed:  # a file changed: its old entry may sit in a shard this run did not read
            for name in SHARDS:
                self._shard(name)
        pending = {name: entries for name, entries in self.shards.items() if self._prune(name, entries)}
        if self.seen is not None and self._prune(SEEN_FILE, self.seen, self.seen_used, self.seen_changed):
            pending[SEEN_FILE] = self.seen
        return pending

    def _prune(
        self, name: str, entries: dict[str, Any], used: set[str] | None = None, changed: bool = False
    ) -> bool:
        """Drop the entries no file used this run, when it asked for every file; True when the
        shard must be written."""
        used = self.used if used is None else used
        stale = [key for key in entries if key not in used] if self.whole else []
        for key in stale:
            del entries[key]
        return bool(stale) or changed or name in self.changed

    def _shard(self, name: str) -> dict[str, Any]:
        if name not in self.shards:
            self.shards[name] = {} if self.secret is None else self._read(name)
        return self.shards[name]

    def _read(self, name: str) -> dict[str, Any]:
        """The entries of a shard this user's dothi wrote; anything else is marked to be rewritten."""
        found = self._sealed(name, MAX_SHARD)
        if found is None:
            self.changed.add(name)
            return {}
        return found

    def _sealed(self, name: str, limit: int) -> dict[str, Any] | None:
        """What ``name`` holds, sealed by this user's dothi: {} when it is not there, None when
        it is not what dothi writes."""
        try:
            with opened_folder(self.folder, create=False) as folder:
                raw = read_regular(folder.at(name + SHARD_SUFFIX), limit, folder.fd)
        except OSError:  # no folder yet
            return {}
        if raw is None:
            return {}
        payload = unseal(raw, self._secret(), name)
        found = _unmarshal(payload) if payload is not None else None
        return found if isinstance(found, dict) else None

    def _write(self, folder: Folder, name: str, payload: bytes) -> None:
        if len(payload) + HEADER_SIZE > MAX_SHARD:  # it could not be read back: keep no copy
            payload = marshal.dumps({})
        write_sealed(folder, name + SHARD_SUFFIX, name, payload, self._secret())

    def _secret(self) -> bytes:
        if self.secret is None:  # pragma: no cover - a cache without a secret never touches the disk
            raise RuntimeError("dothi: the cache has no key")
        return self.secret


def open_cache(root: Path, key_folder: Path | None, *, trusted: bool = True) -> FileCache:
    """The cache of the repository at ``root``, signed with the key kept in ``key_folder``.

    ``trusted`` False (CI) or a key that cannot be read or made, or a ``.dothi-cache`` that is a
    symlink or not a folder: a cache in memory only, that reads and writes nothing on disk.
    """
    folder = root / CACHE_DIR
    if not trusted or key_folder is None or not _usable_folder(folder):
        return FileCache(folder, None)
    return FileCache(folder, user_secret(key_folder))


def key_folder(environ: Mapping[str, str]) -> Path | None:
    """Where the user's key lives: ``$XDG_CACHE_HOME/dothi``, else ``~/.cache/dothi`` (None if no home).

    The environment is the caller's to read (the CLI passes ``os.environ``).
    """
    chosen = environ.get("XDG_CACHE_HOME", "")
    if chosen and os.path.isabs(chosen):  # the XDG rule: a relative path is ignored
        return Path(chosen) / "dothi"
    home = environ.get("HOME") or environ.get("USERPROFILE")
    return Path(home) / ".cache" / "dothi" if home and os.path.isabs(home) else None


def cold(root: Path, environ: Mapping[str, str], no_cache: bool) -> bool:
    """Whether a run will find none of its files in the cache, said before it opens the cache.

    True when the cache lives in memory (``--no-cache``, CI, no key yet), or when its entries were
    written by other code (a new dothi, a fresh clone): then every file is parsed. Only a hint, to
    start parsing early (``cli/early.py``): a wrong answer costs time, never a result.
    """
    if no_cache or running_in_ci(environ):
        return True
    keys = key_folder(environ)
    if keys is None or not (keys / SECRET_FILE).is_file():
        return True
    return read_regular(str(root / CACHE_DIR / CODE_FILE), KEY_LIMIT) != code_key().encode()


def code_key() -> str:
    """What this dothi's entries, snapshot and kept items owe to its code: what other code wrote is
    never read."""
    return hashlib.sha256(_made_by().encode()).hexdigest()


def _made_by() -> str:
    return f"dothi {__version__} {FORMAT} {code_fingerprint()}"


def _mark_code(folder: Folder) -> None:
    """Note that this code wrote entries (once: a run that parsed a changed file finds it there)."""
    mark = code_key().encode()
    if read_regular(folder.at(CODE_FILE), KEY_LIMIT, folder.fd) != mark:
        atomic.replace(folder.at(CODE_FILE), mark, folder_fd=folder.fd, durable=False)


TEXTS_PREFIX = "texts-"
MAX_TEXTS = 4 * 1024 * 1024


class TextStore:
    """Catalogues parsed by an earlier run (``messages.KEPT``), one file per language beside the
    user's key (``texts-vi-<digest>.marshal``): named by the digest of the TOML's bytes, so a
    changed catalogue has another file, sealed with the user's key and read as a shard is (a
    regular file of bounded size, its MAC checked before ``marshal`` reads a byte of it)."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder, self.secret = folder, secret

    def _name(self, lang: str, raw: bytes) -> str:
        return f"{TEXTS_PREFIX}{lang}-{hashlib.sha256(raw).hexdigest()[:32]}{SHARD_SUFFIX}"

    def get(self, lang: str, raw: bytes) -> dict[str, str] | None:
        name = self._name(lang, raw)
        found = read_regular(str(self.folder / name), MAX_TEXTS + HEADER_SIZE, private=True)
        payload = unseal(found, self.secret, name) if found else None
        texts = _unmarshal(payload) if payload is not None else None
        if isinstance(texts, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in texts.items()
        ):
            return texts
        return None

    def put(self, lang: str, raw: bytes, texts: dict[str, str]) -> None:
        """Keep ``texts``, and no other version of the language's; a folder that cannot be
        written is skipped."""
        name = self._name(lang, raw)
        try:
            atomic.replace(
                str(self.folder / name), seal(self.secret, name, marshal.dumps(texts)), durable=False
            )
            for other in os.listdir(self.folder):
                if other.startswith(f"{TEXTS_PREFIX}{lang}-") and other != name:
                    os.unlink(self.folder / other)
        except (OSError, ValueError):
            return


def text_store(environ: Mapping[str, str]) -> TextStore | None:
    """Where this user's runs keep parsed catalogues; None without a key folder (a read-only
    home), or under CI, whose folders are not the user's own."""
    keys = key_folder(environ)
    secret = user_secret(keys) if keys is not None and not running_in_ci(environ) else None
    return TextStore(keys, secret) if keys is not None and secret is not None else None


def running_in_ci(environ: Mapping[str, str]) -> bool:
    """``CI=true`` (GitHub Actions, GitLab CI and most others set it), or 1, or yes."""
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def user_secret(folder: Path) -> bytes | None:
    """The key that signs this user's cache, made (0600) on first use; None when it cannot be had.

    A key file that is not a private regular file of the right size is replaced by a new one.
    """
    found = read_regular(str(folder / SECRET_FILE), SECRET_SIZE, private=True)
    if found is not None and len(found) == SECRET_SIZE:
        return found
    try:
        return _make_secret(folder)
    except OSError:  # a read-only or missing home: run without the cache on disk
        return None


def _make_secret(folder: Path) -> bytes:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    import secrets

    secret = secrets.token_bytes(SECRET_SIZE)
    atomic.replace(str(folder / SECRET_FILE), secret)  # two first runs at once: the last one's key stays
    return secret


# Libraries whose release changes what dothi makes of the same files: the holidays decide every
# working-day deadline (a new release adds a holiday a decree gave, and moves due dates).
SHAPING_LIBRARIES = ("holidays",)


@functools.cache
def code_fingerprint() -> str:
    """The fingerprint of the running dothi's source and texts, and of the releases of the
    libraries that shape its results, computed once per process (about 5 ms).

    An entry, a snapshot or a day's items is what this code made of the files: a dothi whose
    code changed without a new version number (a development checkout, a patched install), or
    that runs with another release of the holidays, must not read what an older one wrote.
    """
    package = Path(__file__).resolve().parent.parent  # the whole dothi package
    releases = ",".join(release_of(name) for name in SHAPING_LIBRARIES)
    return hashlib.sha256(f"{source_fingerprint(package)} {releases}".encode()).hexdigest()


def release_of(name: str) -> str:
    """The installed release of the library ``name`` (its ``*.dist-info`` folder's name), read
    without importing it (its own version attribute is read through importlib.metadata, 15 ms)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name} absent"
    folder = Path(spec.origin).parent.parent
    try:
        found = sorted(e for e in os.listdir(folder) if e.startswith(name + "-") and e.endswith(".dist-info"))
    except OSError:
        found = []
    return found[-1] if found else f"{name} unknown"


def source_fingerprint(package: Path) -> str:
    """A hash of the content of every ``.py`` file under ``package``, and of its catalogues (an
    item's title may come from one): the same code, however installed (dates do not count),
    gives the same hash."""
    digest = hashlib.sha256()
    for relative in _sources(package):
        try:
            with open(os.path.join(package, relative), "rb") as source:  # no Path per file
                content = source.read()
        except OSError:  # pragma: no cover - a source file that vanished while dothi runs
            content = b""
        digest.update(f"{relative}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _sources(package: Path) -> list[str]:
    """The ``.py`` files under ``package`` and the ``.toml`` files of its ``locale`` folders, by
    path (``/`` between names): one walk of the folders. Two ``rglob`` walks, each matching its
    pattern against every name, took 5 ms of every warm run, half of the fingerprint."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]  # bytecode only
        base = Path(folder).relative_to(package).as_posix()
        prefix = "" if base == "." else base + "/"
        suffixes = (".py", ".toml") if os.path.basename(folder) == "locale" else (".py",)
        found += [prefix + name for name in names if name.endswith(suffixes)]
    return sorted(found)


def _seen_entry(entry: object, seen: Seen) -> TypeGuard[tuple[Any, ...]]:
    """An entry of the stats as ``FileCache.note_digest`` writes them (the five numbers of the
    stat ``seen``, then a digest), for a file whose stat is ``seen``.

    Checked as each file is looked up, not for every entry as the file is read: 2,700 entries
    took 3 ms, and a run that lists every file looks each up once. An entry of another shape is
    not used: the file is read, and its entry written again."""
    return type(entry) is tuple and len(entry) == 6 and entry[:5] == seen and type(entry[5]) is str


def write_sealed(folder: Folder, file: str, name: str, payload: bytes, secret: bytes) -> None:
    """``payload`` sealed under ``name``, in place of ``file`` at once. Not synced: a file lost
    in a crash fails its MAC, and what it held is made again from the data files."""
    atomic.replace(folder.at(file), seal(secret, name, payload), folder_fd=folder.fd, durable=False)


def seal(secret: bytes, name: str, payload: bytes) -> bytes:
    """A shard as written: the magic, the MAC of the shard's name and payload, the payload."""
    return MAGIC + _mac(secret, name, payload) + payload


def unseal(raw: bytes, secret: bytes, name: str) -> bytes | None:
    """The payload of a shard this key sealed under this name, or None."""
    if len(raw) < HEADER_SIZE or not raw.startswith(MAGIC):
        return None
    payload = raw[HEADER_SIZE:]
    if not hmac.compare_digest(raw[len(MAGIC) : HEADER_SIZE], _mac(secret, name, payload)):
        return None
    return payload


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    signer = hmac.new(secret, f"dothi shard {name}\0".encode(), hashlib.sha256)
    signer.update(payload)
    return signer.digest()


def _unmarshal(payload: bytes) -> object:
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # pragma: no cover - a sealed shard is one we wrote
        return None


def read_regular(
    path: str, limit: int, folder_fd: int | None = None, *, private: bool = False
) -> bytes | None:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` bytes.

    None when there is no such file; b"" when it is there but not to be read: a symlink (it is
    not followed), a device such as /dev/zero, a FIFO, a folder, a larger file, an unreadable one,
    or (``private``) a file another user owns or may read.
    """
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY, dir_fd=folder_fd)
    except FileNotFoundError:
        return None
    except OSError:
        return b""
    try:
        found = os.fstat(handle)
        if not _readable(found, limit, private):
            return b""
        with os.fdopen(handle, "rb", closefd=False) as stream:  # +1: a file that grew is seen to
            data = stream.read(found.st_size + 1)  # read(limit) would allocate the whole limit
    except OSError:
        return b""
    finally:
        os.close(handle)
    return data if len(data) <= limit else b""


def _readable(found: os.stat_result, limit: int, private: bool) -> bool:
    if not stat.S_ISREG(found.st_mode) or found.st_size > limit:
        return False
    if private and hasattr(os, "geteuid"):
        return found.st_uid == os.geteuid() and not found.st_mode & 0o077
    return True


class Folder:
    """dothi's folder, used through a descriptor (POSIX) so that a symlink put in its place
    after it was opened cannot redirect a write; elsewhere by path, after the same checks."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    def at(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)


@contextlib.contextmanager
def opened_folder(folder: Path, *, create: bool) -> Iterator[Folder]:
    """``folder`` opened without following a symlink; OSError if it is a symlink or not a folder.

    ``create`` makes it when missing, with a ``.gitignore`` that keeps it out of git.
    """
    made = False
    if create:
        try:
            os.mkdir(folder)
            made = True
        except FileExistsError:
            pass
    if not _BY_DESCRIPTOR:  # pragma: no cover - Windows: by path, after the same check
        _check_folder(os.lstat(folder), folder)
        yield _with_gitignore(Folder(folder, None), made)
        return
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    try:
        _check_folder(os.fstat(fd), folder)
        yield _with_gitignore(Folder(folder, fd), made)
    finally:
        os.close(fd)


def _check_folder(found: os.stat_result, folder: Path) -> None:
    if not stat.S_ISDIR(found.st_mode):  # a symlink (lstat) or a file
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))


def _with_gitignore(folder: Folder, made: bool) -> Folder:
    if made:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        handle = os.open(folder.at(".gitignore"), flags, 0o666, dir_fd=folder.fd)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("# made by dothi: a cache, safe to delete\n*\n")
    return folder


def _usable_folder(folder: Path) -> bool:
    """Missing (it will be made) or a real folder: not a symlink, not a file."""
    try:
        found = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode)


def prepare_folder(folder: Path) -> None:
    """Make dothi's folder, which git ignores by itself (it holds the cache and the edit locks).

    Raises OSError when ``folder`` is a symlink or not a folder: nothing is written through it.
    Its text names the folder, since the system's ("Not a directory") does not say which.
    """
    try:
        with opened_folder(folder, create=True):
            pass
    except OSError as error:
        raise OSError(error.errno, f"{error.strerror}: {folder}", str(folder)) from None


def encode(loaded: LoadedFile) -> tuple[Any, ...]:
    """A loaded file as plain values that marshal can hold: without its positions and lines,
    which are two thirds of it and are found again from the file's bytes when a problem needs
    one (``LoadedFile.located``)."""
    return (
        FORMAT,
        loaded.path,
        loaded.data,
        [_problem_fields(problem) for problem in loaded.problems],
        sorted(loaded.refused, key=repr),
    )


def decode(entry: tuple[Any, ...], raw: bytes, relative: str | None = None) -> LoadedFile:
    """The loaded file an entry holds for the bytes ``raw``; ValueError or TypeError when it is
    not what :func:`encode` made."""
    if not isinstance(entry, tuple) or len(entry) != 5:
        raise ValueError("cache entry shape")
    layout, path, data, problems, refused = entry
    if layout != FORMAT:
        raise ValueError(f"cache entry layout {layout}")
    shapes = ((path, str), (problems, list), (refused, list))
    if not all(isinstance(value, kind) for value, kind in shapes) or relative not in (None, path):
        raise ValueError("cache entry shape")
    from dothi.data.loader import LoadedFile

    return LoadedFile(
        path,
        data,
        problems=[_problem(fields) for fields in problems],
        refused=set(refused),
        raw=raw,
    )


def _problem_fields(problem: Problem) -> tuple[Any, ...]:
    hint = (problem.hint.key, problem.hint.params) if problem.hint else None
    return (
        problem.file,
        problem.line,
        problem.column,
        problem.severity.value,
        problem.code,
        (problem.message.key, problem.message.params),
        hint,
        problem.waivable,
    )


def _problem(fields: tuple[Any, ...]) -> Problem:
    file, line, column, severity, code, message, hint, waivable = fields
    return Problem(
        file,
        line,
        column,
        Severity(severity),
        code,
        Text(*message),
        Text(*hint) if hint else None,
        waivable,
    )

"""The one writer: every file the game writes goes through `write_file`.

The rules, each a refusal (InputError, exit 2) naming the path and the reason, with
nothing changed on disk:
- only regular files are written or replaced: never a device (`/dev/null`), a FIFO, a
  socket or a directory, nor a symbolic link to one (a link to a regular file writes the
  file it points to and keeps the link);
- an existing file is replaced only when the game wrote it, recognised by content (its
  `Mark`), or when the user passed `--force`; an empty file holds nothing to lose;
- a read-only file is refused, even with `--force`: the user said keep it;
- the replaced file keeps its mode (a private file stays private) and, where the game
  may, its owner;
- the write is atomic: a temporary file in the same folder, fsynced, renamed over the
  target, then the folder fsynced. Temporary files a killed process left behind are
  removed by the next write to that folder: their names carry the writer's process id,
  so a temp file whose process is gone (or an hour old) is provably a leftover.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

from game.files.errors import InputError
from game.files.marks import Mark
from game.files.read import MAX_FILE_BYTES, kind_of, os_reason, read_bytes

STALE_TEMP_SECONDS = 3600
_TEMP = re.compile(r"^\..+\.cr(\d+)-[0-9a-f]{8}\.tmp$")
_NAME_IN_TEMP = 96  # characters of the target's name kept in its temp file's name


def temp_name(target: str) -> str:
    """The temporary file's name for writing `target`: hidden, tagged with this process."""
    return f".{target[:_NAME_IN_TEMP]}.cr{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: trust age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clean_temps(folder: Path) -> list[Path]:
    """Remove the temporary files a killed writer left in `folder`: regular files named
    by `temp_name` whose process is gone or that are over an hour old. Returns them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match:
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if _alive(int(match.group(1))) and now - info.st_mtime < STALE_TEMP_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def is_own_file(path: Path, mark: Mark) -> bool:
    """Whether `path` is a regular file the game wrote, by its content (not its name)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        return mark.ours(read_bytes(path, mark.what))
    except (InputError, OSError):
        return False


def _target(path: Path) -> Path:
    """The file to write: `path`, or the regular file a symbolic link points to."""
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    if not real.exists():
        raise InputError([f"{path}: is a symbolic link to {real}, which does not exist; "
                          "refusing to create a file through a dangling link"])
    return real


def _check_existing(path: Path, real: Path, mark: Mark, force: bool) -> os.stat_result | None:
    """The existing file's status, after checking the game may replace it; None when
    there is no file yet."""
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError([f"{path}: cannot write the {mark.what}: {os_reason(exc)}"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError([f"{path}: is {kind_of(info.st_mode)}; the game writes only "
                          f"regular files and never replaces anything else (give a file "
                          f"name for the {mark.what})"])
    if info.st_mode & 0o222 == 0 or not os.access(real, os.W_OK):
        raise InputError([f"{path}: is read-only; refusing to replace it (make it writable "
                          "or choose another file name)"])
    if force or info.st_size == 0:
        return info
    try:
        data = read_bytes(real, mark.what, MAX_FILE_BYTES)
    except InputError:
        data = b""  # unreadable or too large: the game cannot show it wrote it
    if not mark.ours(data):
        raise InputError([f"{path}: exists and is not a {mark.what} the game wrote; "
                          "refusing to overwrite it (choose another file name, or pass "
                          "--force to replace it)"])
    return info


def check_target(path: str | Path, mark: Mark, force: bool = False) -> Path:
    """Check, before the work that produces it, that a `mark` file may be written to
    `path` (so a long run does not end in a refusal). Returns the file that will be
    written; raises InputError like `write_file`."""
    path = Path(path)
    if not str(path) or path.name in ("", ".", ".."):
        raise InputError([f"{str(path)!r}: give a file name for the {mark.what}"])
    real = _target(path)
    if not real.parent.is_dir():
        raise InputError([f"{path}: cannot write there: no such directory "
                          f"{str(real.parent)!r}"])
    _check_existing(path, real, mark, force)
    return real


def write_file(path: str | Path, content: str | bytes, mark: Mark,
               force: bool = False) -> Path:
    """Write `content` (text is UTF-8) to `path` under the rules above and return the
    path. Raises InputError naming the path and the reason; nothing is changed then.
    `mark` says what the file is and recognises one the game wrote before; `force`
    replaces a regular, writable file the game did not write."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not mark.ours(data):  # a file the game writes must be one it will recognise
        raise ValueError(f"the {mark.what} to write does not carry the game's mark")
    real = check_target(path, mark, force)
    folder = real.parent
    existing = _check_existing(path, real, mark, force)
    clean_temps(folder)
    tmp = folder / temp_name(real.name)
    try:
        _write_temp(tmp, data, existing)
        # The check above and the rename are apart in time: look again just before.
        _check_existing(path, real, mark, force=True)
        os.replace(tmp, real)
    except InputError:
        _discard(tmp)
        raise
    except OSError as exc:
        _discard(tmp)
        raise InputError([f"{path}: cannot write the {mark.what}: {os_reason(exc)}; "
                          "nothing was changed"]) from None
    except BaseException:
        _discard(tmp)
        raise
    _sync_folder(folder)
    return path


def _write_temp(tmp: Path, data: bytes, existing: os.stat_result | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)  # a new file gets the umask's mode, like any document
    try:
        if existing is not None:
            os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            if hasattr(os, "fchown") and os.geteuid() == 0:
                with contextlib.suppress(OSError):
                    os.fchown(fd, existing.st_uid, existing.st_gid)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """The rename is durable only once the folder's entry is on disk."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Input files read as data: regular files only, never more than a bound.

A path is opened without blocking (a FIFO must not hang the game), the opened file is
checked to be a regular file (a link to `/dev/zero` is a device, whatever its name), and
at most the size limit plus one byte is read, so the size check never trusts `st_size`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from game.files.errors import InputError

MAX_FILE_BYTES = 2_000_000
"""The size limit for every file the game reads (a 24-turn record is about 100 kB)."""

UTF8_BOM = b"\xef\xbb\xbf"


def kind_of(mode: int) -> str:
    """A file type in words, for messages."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_reason(exc: OSError) -> str:
    """An OSError in a few plain words: what a user can act on."""
    reasons = {
        errno.EACCES: "permission denied", errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only", errno.EISDIR: "is a directory",
        errno.ENOENT: "no such file or directory", errno.ENOTDIR: "a part of the path "
        "is not a directory", errno.ELOOP: "too many levels of symbolic links",
        errno.ENAMETOOLONG: "the file name is too long", errno.EIO: "an input/output error",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def read_bytes(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `limit`. Raises InputError
    naming the file for anything else: missing, unreadable, a directory, a device, a
    FIFO, a socket, or over the limit."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError([f"{path}: no such {what} file"]) from None
    except OSError as exc:
        raise InputError([f"{path}: cannot read the {what} file: {os_reason(exc)}"]) from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            raise InputError([f"{path}: is {kind_of(mode)}, not a {what} file (the game "
                              "reads only regular files)"])
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError([f"{path}: cannot read the {what} file: {os_reason(exc)}"]) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        size = max(info.st_size, len(data))  # a file may grow while it is read
        raise InputError([f"{path}: {size:,} bytes is over the {limit:,}-byte limit for a "
                          f"{what} file"])
    return data


def read_text(path: Path, what: str, limit: int = MAX_FILE_BYTES) -> str:
    """The file's UTF-8 text, or an InputError for a file that is not a regular file,
    is over the limit, empty, binary, or starts with a byte-order mark."""
    data = read_bytes(path, what, limit)
    if data.startswith(UTF8_BOM):
        raise InputError([f"{path}: starts with a UTF-8 byte-order mark (BOM), which {what} "
                          "files may not carry; save it as plain UTF-8 (editors call it "
                          "'UTF-8', not 'UTF-8 with BOM')"])
    if b"\x00" in data:
        raise InputError([f"{path}: binary data, not a {what} file (expected UTF-8 text)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([f"{path}: binary data, not a {what} file (not UTF-8 text at byte "
                          f"{exc.start}; expected UTF-8 text)"]) from None
    if not text.strip():
        raise InputError([f"{path}: the file is empty (expected a {what})"])
    return text

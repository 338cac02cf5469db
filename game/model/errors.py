"""Bad input explained: `FILE:LINE: dotted.path: message (allowed: ...)`.

Every file the game reads (scenario, orders, record) reports problems through here, so a
player, a facilitator and a script all see the same kind of message.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

MAX_FILE_BYTES = 2_000_000


class InputError(Exception):
    """Bad input: a file, an argument or an order. The CLI prints it and exits 2."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_text(path: Path, what: str) -> str:
    """The file's text, or an InputError for a missing, huge, empty or binary file."""
    if not path.exists():
        raise InputError([f"{path}: no such {what} file"])
    if path.is_dir():
        raise InputError([f"{path}: is a directory, not a {what} file"])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError([f"{path}: {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit "
                          f"for a {what} file"])
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError([f"{path}: binary data, not a {what} file (expected text)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([f"{path}: not UTF-8 text at byte {exc.start}"]) from None
    if not text.strip():
        raise InputError([f"{path}: the file is empty (expected a {what})"])
    return text


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that the location `loc` points into, if it can be found."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation, part)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any, _name: Any) -> Any:
    """list[X] -> X, X | None -> X; a union of models -> the first model."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        return _unwrap(typing.get_args(annotation)[0], _name)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], _name)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
        return None
    return annotation


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number of a dotted path in TOML (or JSON) text."""
    lines = text.splitlines()
    line = 0
    found: int | None = None
    prefix: list[str] = []
    for part in loc:
        if isinstance(part, int):
            # the (part+1)-th [[prefix]] header from here
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(prefix)) + r"\s*\]\]")
            hits = [i for i in range(line, len(lines)) if header.match(lines[i])]
            if len(hits) > part:
                line = found = hits[part]
                continue
            continue
        key = str(part)
        prefix.append(key)
        pattern = re.compile(
            r"^\s*(\[\[?\s*[\w.\-\"]*\b" + re.escape(key) + r"\b[\w.\-\"]*\s*\]\]?|\"?"
            + re.escape(key) + r"\"?\s*[=:])")
        for i in range(line, len(lines)):
            if pattern.search(lines[i]):
                line = found = i
                break
    return None if found is None else found + 1


def format_validation(
    path: Path | str, text: str, exc: ValidationError, model: type[BaseModel],
    prefix: tuple[Any, ...] = (),
) -> list[str]:
    problems = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        # Drop pydantic's union-branch tags (e.g. "multiply", "function-after[...]").
        loc = tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))
        dotted = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
        dotted = dotted.replace(".[", "[")
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        ctx = err.get("ctx") or {}
        if err["type"] == "extra_forbidden":
            parent = _model_at(model, tuple(err["loc"])[:-1])
            allowed = list(parent.model_fields) if parent else []
            name = str(loc[-1])
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            message = f"unknown key {name!r}"
            if close:
                message += f"; did you mean {close[0]!r}?"
            if allowed:
                message += f" (allowed: {', '.join(allowed)})"
        elif err["type"] == "missing":
            message = "required but missing"
        elif "expected" in ctx:
            message += f" (allowed: {ctx['expected']})"
        elif "ge" in ctx or "le" in ctx or "gt" in ctx or "lt" in ctx:
            low = ctx.get("ge", ctx.get("gt", "-inf"))
            high = ctx.get("le", ctx.get("lt", "inf"))
            message += f" (allowed: {low} to {high})"
        line = locate(text, loc)
        where = f"{path}:{line}" if line else f"{path}"
        got = err.get("input")
        shown = "" if err["type"] in ("missing",) or isinstance(got, dict | list) else (
            f", got {got!r}")
        problems.append(f"{where}: {dotted or '(top level)'}: {message}{shown}")
    return problems

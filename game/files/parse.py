"""JSON and TOML parsed as data: finite numbers, unique keys, bounded nesting.

The parsers are the standard library's; these wrappers refuse what they would let
through or crash on: `NaN`, `Infinity` and `1e999` (which load as infinity), a key given
twice in one JSON object (JSON keeps the last silently), and documents nested thousands
deep (a RecursionError). Messages name the file, like every input message.
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path
from typing import Any

from game.files.errors import InputError

MAX_DEPTH = 64
"""The deepest nesting of tables and lists an input file may have: shipped scenarios and
records reach 6."""


class _Refused(ValueError):
    """A value the parser must not accept: the message says why."""


def finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text} is not finite (too large, or inf or nan); "
                       "figures must be ordinary numbers")
    return value


def _refuse_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number (figures must be finite)")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key!r} appears twice in one object (keys: "
                           f"{', '.join(repr(k) for k, _ in pairs[:8])})")
        out[key] = value
    return out


def depth(data: Any) -> int:
    """How deep lists and tables nest in `data` (a scalar is 0), counted without
    recursion, so a deep document cannot crash the count."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node \
            if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep(path: Path | str) -> InputError:
    return InputError([f"{path}: nested more than {MAX_DEPTH} levels deep (lists and "
                       "tables inside each other); no game file needs that"])


def _bounded(path: Path | str, data: Any) -> Any:
    if depth(data) > MAX_DEPTH:
        raise _too_deep(path)
    return data


class JSONSyntaxError(Exception):
    """Malformed JSON, kept apart so a caller can word it (line, truncation)."""

    def __init__(self, exc: json.JSONDecodeError):
        super().__init__(str(exc))
        self.error = exc


def parse_json(path: Path | str, text: str) -> Any:
    """The JSON document in `text`. Raises InputError for refused values and depth, and
    JSONSyntaxError (wrapping the decoder's error) for malformed text."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_float=finite_float,
                          parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise JSONSyntaxError(exc) from None
    except _Refused as exc:
        raise InputError([f"{path}: {exc}"]) from None
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise InputError([f"{path}: malformed JSON: {exc}"]) from None
    return _bounded(path, data)


def parse_toml(path: Path | str, text: str) -> dict[str, Any]:
    """The TOML document in `text`. Raises InputError for refused values and depth, and
    tomllib.TOMLDecodeError for malformed text (see `errors.toml_error`)."""
    try:
        data = tomllib.loads(text, parse_float=finite_float)
    except _Refused as exc:
        raise InputError([f"{path}: {exc}"]) from None
    except RecursionError:
        raise _too_deep(path) from None
    _bounded(path, data)
    return data

"""Bad input explained: `FILE:LINE: dotted.path: message (allowed: ...)`.

Every file the game reads (scenario, orders, record) reports problems through here, so a
player, a facilitator and a script all see the same kind of message.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

# Re-exported from their old home: every input message still comes through here.
from game.files.errors import InputError as InputError
from game.files.read import MAX_FILE_BYTES as MAX_FILE_BYTES
from game.files.read import read_text as read_text
from game.model.locate import Loc as Loc
from game.model.locate import locate


class LocatedProblems(ValueError):
    """Raised inside a model validator for problems that need the whole model to see
    (a quarter outside the clock, an inject naming no card): each problem keeps its own
    path below the validated model, so the message points at the right line."""

    def __init__(self, problems: Sequence[tuple[Loc, str]]):
        super().__init__("; ".join(f"{dotted(loc)}: {msg}" for loc, msg in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Problem:
    """One problem at a path inside a file's data."""

    loc: Loc
    message: str


def dotted(loc: Loc) -> str:
    """("events", 2, "effects", 0, "value") -> "events[2].effects[0].value"."""
    text = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc)
    return text.replace(".[", "[") or "(top level)"


def did_you_mean(name: str, allowed: Sequence[str]) -> str:
    """'; did you mean 'x'?' for a near miss, else ''."""
    names = [str(a) for a in allowed]
    close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
    if not close and len(str(name)) >= 3:  # an abbreviation: "mul" for "multiply"
        close = [a for a in names if a.startswith(str(name))][:1]
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown(what: str, name: object, allowed: Sequence[str]) -> str:
    """The message for a name that is not one of `allowed`."""
    return (f"unknown {what} {name!r}{did_you_mean(str(name), allowed)} "
            f"(allowed: {', '.join(str(a) for a in allowed)})")


# --- reading files --------------------------------------------------------------------


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def toml_error(path: Path | str, exc: tomllib.TOMLDecodeError) -> InputError:
    """`FILE:LINE: malformed TOML: ...` from tomllib's message (which, before Python
    3.14, carries the position only in its text)."""
    message = getattr(exc, "msg", None) or str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    m = _TOML_AT.search(message)
    if m:
        message = message[: m.start()]
        line, column = int(m.group(1)), int(m.group(2))
    where = f"{path}:{line}" if line else str(path)
    col = f" (column {column})" if column else ""
    return InputError([f"{where}: malformed TOML: {message}{col}"])


# --- pydantic errors to problems ------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """list[X] -> X, X | None -> X, Annotated[X, ...] -> X."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Annotated):
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if len(models) == 1 and len(args) == 1:
            return models[0]
        return tuple(models) if models else None
    return annotation


def _walk(model: type[BaseModel], loc: Loc) -> tuple[Loc, type[BaseModel] | None]:
    """Follow `loc` through the model's fields. Returns the location with pydantic's
    union-branch labels (a tag such as "multiply", a type such as "list[float]") dropped,
    and the model the location ends in (None when it ends in a plain value)."""
    clean: list[str | int] = []
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            clean.append(part)
            continue
        if isinstance(current, tuple):  # a union of models: `part` names the branch
            branch = _branch(current, str(part))
            if branch is not None:
                current = branch
                continue
            current = current[0] if current else None
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            clean.append(part)
            current = _unwrap(field.annotation) if field is not None else None
            continue
        # inside a plain value: pydantic labels union branches like "float" or
        # "function-after[...]"; they are not part of the file's path
        if "[" in str(part) or str(part) in _TYPE_LABELS:
            continue
        clean.append(part)
        current = None
    final = current if isinstance(current, type) and issubclass(current, BaseModel) else None
    return tuple(clean), final


_PATTERNS = {
    "^[a-z0-9][a-z0-9-]*$": "lowercase letters, digits and dashes only (e.g. my-scenario)",
}
_TYPE_LABELS = {"float", "int", "str", "bool", "list", "dict", "none", "literal"}


def _branch(models: tuple[type[BaseModel], ...], label: str) -> type[BaseModel] | None:
    for m in models:
        kind = m.model_fields.get("kind")
        if kind is not None and label in typing.get_args(kind.annotation):
            return m
        if m.__name__ == label:
            return m
    return None


def _owner(model: type[BaseModel], raw: Loc) -> tuple[str, type[BaseModel] | None]:
    """The nearest field on the path and the model that declares it (for its
    constraints), skipping list indices and union-branch labels."""
    for j in range(len(raw) - 1, -1, -1):
        if isinstance(raw[j], str):
            owner = _walk(model, raw[:j])[1]
            if owner is not None and raw[j] in owner.model_fields:
                return str(raw[j]), owner
    return "", None


def _field_bounds(model: type[BaseModel] | None, name: str) -> str | None:
    """"0 to 1" from a field's ge/le/gt/lt constraints (on the field, or on the numbers
    inside it: `float | None`, `list[float]`), if it has any."""
    if model is None or name not in model.model_fields:
        return None
    field = model.model_fields[name]
    found = _bounds_in(field.metadata) or _bounds_in(_annotated_metadata(field.annotation))
    return bounds_text(*found) if found else None


def _annotated_metadata(annotation: Any) -> list[Any]:
    """Constraint objects inside Annotated[...] anywhere in a type."""
    out: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        for m in meta:
            out.extend(getattr(m, "metadata", [m]))
        return out + _annotated_metadata(inner)
    for arg in typing.get_args(annotation):
        out.extend(_annotated_metadata(arg))
    return out


def _bounds_in(metadata: list[Any]) -> tuple[Any, bool, Any, bool] | None:
    low = high = None
    low_open = high_open = False
    for meta in metadata:
        for attr, is_low, is_open in (("ge", True, False), ("gt", True, True),
                                      ("le", False, False), ("lt", False, True)):
            value = getattr(meta, attr, None)
            if value is None:
                continue
            if is_low:
                low, low_open = value, is_open
            else:
                high, high_open = value, is_open
    return None if low is None and high is None else (low, low_open, high, high_open)


def bounds_text(low: Any, low_open: bool, high: Any, high_open: bool) -> str | None:
    def num(v: Any) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    if low is None and high is None:
        return None
    if high is None:
        return f"above {num(low)}" if low_open else f"{num(low)} or more"
    if low is None:
        return f"below {num(high)}" if high_open else f"{num(high)} or less"
    left = f"above {num(low)}" if low_open else num(low)
    right = f"below {num(high)}" if high_open else num(high)
    return f"{left} to {right}"


def _is_table_row(model: type[BaseModel] | None, name: str) -> bool:
    """A parameter table's row: its length is fixed (one entry per policy level)."""
    if model is None or name not in model.model_fields:
        return False
    meta = _annotated_metadata(model.model_fields[name].annotation)
    lows = {m.min_length for m in meta if getattr(m, "min_length", None) is not None}
    highs = {m.max_length for m in meta if getattr(m, "max_length", None) is not None}
    return bool(lows) and lows == highs


def _literal_values(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def problems_from(exc: ValidationError, model: type[BaseModel],
                  prefix: Loc = ()) -> list[Problem]:
    """Pydantic's errors as problems in the file's own words."""
    out: list[Problem] = []
    for err in exc.errors():
        raw = tuple(err["loc"])
        loc, _ = _walk(model, raw)
        name, parent = _owner(model, raw)
        ctx = err.get("ctx") or {}
        kind = err["type"]
        got = err.get("input")
        error = ctx.get("error")
        if isinstance(error, LocatedProblems):
            out.extend(Problem(prefix + loc + tuple(p), msg) for p, msg in error.problems)
            continue
        message = str(err["msg"])
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        shown = not isinstance(got, dict | list)
        if kind == "extra_forbidden":
            name = str(raw[-1])
            parent = _walk(model, raw[:-1])[1]
            allowed = list(parent.model_fields) if parent else []
            message = unknown("key", name, allowed) if allowed else f"unknown key {name!r}"
            shown = False
        elif kind == "missing":
            message = "required but missing"
            shown = False
        elif kind == "literal_error":
            message = unknown(_noun(loc), got, _literal_values(ctx.get("expected", "")))
            shown = False
        elif kind == "union_tag_invalid":
            tags = _literal_values(ctx.get("expected_tags", ""))
            message = unknown("kind", ctx.get("tag"), tags)
            loc = (*loc, "kind")
            shown = False
        elif kind == "union_tag_not_found":
            message = "required but missing: the `kind` of this entry"
            loc = (*loc, "kind")
            shown = False
        elif kind.endswith(("_parsing", "_type")) and kind != "model_type":
            message = f"{message}" + (f" (allowed: {b})" if (b := _field_bounds(
                parent, name)) else "")
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            bounds = _field_bounds(parent, name) or bounds_text(
                ctx.get("ge", ctx.get("gt")), "gt" in ctx, ctx.get("le", ctx.get("lt")),
                "lt" in ctx)
            message = f"out of range (allowed: {bounds})"
        elif kind in ("too_short", "too_long"):
            want = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
            message = (f"{'at least' if kind == 'too_short' else 'at most'} {want} entries "
                       f"(got {ctx.get('actual_length', '?')})")
            if _is_table_row(parent, name):
                message = f"a list of {want} numbers, one per policy level " \
                          f"(got {ctx.get('actual_length', '?')})"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            table = _walk(model, raw)[1]
            keys = f" (keys: {', '.join(table.model_fields)})" if table else ""
            message = f"should be a table{keys}"
        elif kind == "string_pattern_mismatch":
            message = _PATTERNS.get(str(ctx.get("pattern")),
                                    f"does not have the allowed form {ctx.get('pattern')}")
        elif kind == "finite_number":
            message = "must be a finite number (not inf or nan)"
            shown = False
        if shown and message.find(repr(got)) < 0:
            message += f", got {got!r}"
        out.append(Problem(prefix + loc, message))
    return _dedupe(out)


def _noun(loc: Loc) -> str:
    """What a field holds, for 'unknown X' messages."""
    names = {"state": "state figure", "param": "parameter", "policy": "policy",
             "metric": "metric", "side": "side", "winner": "side", "kind": "kind",
             "unit": "unit"}
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    return names.get(last, "value")


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One message per path: a value that fits no branch of a union (a number or a
    list) makes pydantic report each branch; the reader needs the first."""
    seen: set[Loc] = set()
    out = []
    for p in problems:
        if p.loc in seen:
            continue
        seen.add(p.loc)
        out.append(p)
    return out


def render(path: Path | str, text: str, problems: Sequence[Problem]) -> list[str]:
    """`FILE:LINE: dotted.path: message`, ordered by line."""
    lines = [(locate(text, p.loc), p) for p in problems]
    lines.sort(key=lambda item: (item[0] is None, item[0] or 0))
    return [f"{path}:{line}: {dotted(p.loc)}: {p.message}" if line else
            f"{path}: {dotted(p.loc)}: {p.message}" for line, p in lines]


def format_validation(
    path: Path | str, text: str, exc: ValidationError, model: type[BaseModel],
    prefix: Loc = (),
) -> list[str]:
    """Pydantic's errors as `FILE:LINE: dotted.path: message (allowed: ...)` lines."""
    return render(path, text, problems_from(exc, model, prefix))

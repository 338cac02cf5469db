"""A record's file text assembled from serialized pieces, so a save need not serialize
what has not changed since the last one.

A record is written as JSON indented one space per level and sealed with `record_hash`,
the SHA-256 of the canonical JSON of every other field (`Record.body_hash`). Each field's
value here is a `Piece`: its text as written (indented as if at the top) and its
canonical form (sorted keys, no spaces). A resolved turn's piece never changes, so a game
keeps them as its turns resolve (game/recording.py) and a save joins them: the server
writes a table's record at every submitted order in a fraction of what rebuilding and
re-serializing the whole record costs. `record_file.record_text` is the plain way; the
two give the same record (tests/test_records_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_json

from game.model.record import Record


@dataclass(frozen=True)
class Piece:
    text: str  # as written, indented one space per level from column 0
    canonical: str  # as hashed: sorted keys, no spaces


def piece(value: Any) -> Piece:
    """The piece of a JSON value (dicts, lists, str, int, float, bool, None). The text
    comes from pydantic's serializer, as `record_text` writes it (the standard library
    indents in pure Python, several times slower); the canonical form is `body_hash`'s."""
    return Piece(to_json(value, indent=1).decode(),
                 json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False))


def _nested(text: str) -> str:
    """`text` moved one level in (its first line stays where the caller puts it)."""
    return text.replace("\n", "\n ")


def list_piece(items: Sequence[Piece]) -> Piece:
    """The piece of a list whose items are pieces."""
    if not items:
        return piece([])
    return Piece("[\n " + ",\n ".join(_nested(i.text) for i in items) + "\n]",
                 "[" + ",".join(i.canonical for i in items) + "]")


BODY_FIELDS = tuple(name for name in Record.model_fields if name != "record_hash")


def sealed_text(fields: Mapping[str, Piece]) -> str:
    """The record's file text, sealed, from a piece for every field but `record_hash`
    (raises ValueError naming a missing or unknown field)."""
    if set(fields) != set(BODY_FIELDS):
        missing = sorted(set(BODY_FIELDS) - set(fields))
        unknown = sorted(set(fields) - set(BODY_FIELDS))
        raise ValueError(f"record pieces: missing {missing}, unknown {unknown}")
    body = "{" + ",".join(f"{json.dumps(name)}:{fields[name].canonical}"
                          for name in sorted(fields)) + "}"
    sealed = {**fields, "record_hash": piece(hashlib.sha256(body.encode()).hexdigest())}
    lines = ",\n ".join(f"{json.dumps(name)}: {_nested(sealed[name].text)}"
                        for name in Record.model_fields)
    return "{\n " + lines + "\n}\n"

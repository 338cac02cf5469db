"""Where a dotted field path stands in a TOML or JSON text, so an error message can give
its line: `FILE:LINE: dotted.path: message`."""

from __future__ import annotations

import re

Loc = tuple[str | int, ...]


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')"
                  r"(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def toml_lines(text: str) -> dict[Loc, int]:
    """Every table, array-of-tables entry and key in TOML text -> its 1-based line.
    A light scanner (headers and `key =` lines, skipping multi-line strings), enough to
    point a message at the right line."""
    where: dict[Loc, int] = {}
    counts: dict[Loc, int] = {}
    table: Loc = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            base = _resolve(_split_key(header.group(2)), counts)
            if header.group(1) == "[[":
                count = counts.get(base, 0)
                counts[base] = count + 1
                where.setdefault(base, number)
                table = (*base, count)
            else:
                table = base
            where.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            where.setdefault((*table, *_split_key(key.group(1))), number)
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
    return where


def _resolve(keys: list[str], counts: dict[Loc, int]) -> Loc:
    """A header's dotted keys as a path, with the index of each enclosing array entry
    (`[[events.effects]]` belongs to the latest `[[events]]`)."""
    path: list[str | int] = []
    for i, key in enumerate(keys):
        path.append(key)
        if i < len(keys) - 1 and tuple(path) in counts:
            path.append(counts[tuple(path)] - 1)
    return tuple(path)


def locate(text: str, loc: Loc) -> int | None:
    """Line (1-based) of the deepest part of `loc` found in the text, or None."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[{", "[\n", "[ ")) and not stripped.startswith("[["):
        return _locate_json(text, loc)
    lines = toml_lines(text)
    for end in range(len(loc), 0, -1):
        line = lines.get(tuple(loc[:end]))
        if line is not None:
            return line
    return None


def _locate_json(text: str, loc: Loc) -> int | None:
    """Best effort for JSON: each key in order, searching onward from the last."""
    lines = text.splitlines()
    line, found = 0, None
    for part in loc:
        if isinstance(part, int):
            continue
        pattern = re.compile(r"\"" + re.escape(str(part)) + r"\"\s*:")
        for i in range(line, len(lines)):
            if pattern.search(lines[i]):
                line = found = i
                break
    return None if found is None else found + 1



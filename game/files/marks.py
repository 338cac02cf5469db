"""How the game recognises a file it wrote, by content, before writing over it.

Each kind of output carries a mark in its own syntax, and a recogniser parses the
existing file's head for it: a record is a JSON object whose `format` is the record's;
an HTML document names the game in `<meta name="generator">`; a Markdown document starts
with the game's comment line. A file that merely mentions the game is not one of its own.
The writer also checks that what it writes carries its mark, so the next write knows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

GENERATOR = "compute-race"
HTML_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}">'
MARKDOWN_MARK = f"<!-- generator: {GENERATOR} -->"
HEAD_BYTES = 8192  # where a document's mark must be: its first lines


@dataclass(frozen=True)
class Mark:
    """A kind of file the game writes: its name for messages and how to recognise it.
    `ours(data)` gets the file's bytes (at most the reader's limit)."""

    what: str  # "record", "report", ...
    ours: Callable[[bytes], bool]


def _json_key(data: bytes, key: str) -> object:
    """The top-level `key` of a JSON object, or None (not JSON, not an object)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return doc.get(key) if isinstance(doc, dict) else None


def json_format(fmt: str) -> Callable[[bytes], bool]:
    """A JSON object whose "format" is `fmt` (records: "compute-race-record")."""
    return lambda data: _json_key(data, "format") == fmt


class _Generator(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "meta" and names.get("name") == "generator" \
                and (names.get("content") or "").split(" ")[0] == GENERATOR:
            self.found = True


def html_document(data: bytes) -> bool:
    """An HTML document whose head carries the game's generator meta tag."""
    head = data[:HEAD_BYTES].decode("utf-8", errors="replace")
    if not head.lstrip().lower().startswith("<!doctype html"):
        return False
    parser = _Generator()
    parser.feed(head)
    return parser.found


def markdown_document(data: bytes) -> bool:
    """A Markdown document whose first line is the game's mark comment."""
    first = data[:HEAD_BYTES].split(b"\n", 1)[0].strip()
    return first == MARKDOWN_MARK.encode()


_DOCUMENTS: dict[str, Callable[[bytes], bool]] = {
    ".html": html_document, ".htm": html_document, ".md": markdown_document,
    ".markdown": markdown_document}


def document_mark(suffix: str) -> Mark:
    """The mark of a report written as `suffix` (".html", ".md")."""
    if suffix not in _DOCUMENTS:
        raise ValueError(f"no document mark for {suffix!r} files")
    return Mark("report", _DOCUMENTS[suffix])

"""Scenario and user text in Markdown is data: escaped so it can only ever read as the
characters it holds.

Titles, descriptions, event titles, facilitator notes, player names and `--label`s come
from files and people. Left raw, a title like `<script>…` or `[x](javascript:…)` becomes
live HTML or a link in a rendered debrief, and a note holding a newline and `# Heading` or
`| a | b |` rewrites the document's structure. Every such string passes through `text()`;
the renderers' own markup (bold, headings, tables) is built around the escaped text.
"""

from __future__ import annotations

import re

# Characters that start Markdown inline markup anywhere in a line: emphasis, code, links
# and images, autolinks and raw HTML (as entities), table cells, strikethrough.
_INLINE = re.compile(r"([`*\[\]|~]|\\(?=[!-/:-@\[-`{-~]))")  # `\` only before punctuation
# `_` opens emphasis only at a word's edge: `power_lead` stays as it is.
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What starts a block at the beginning of a line: headings, quotes (already an entity),
# lists, thematic breaks and setext underlines, ordered lists (`1.` or `1)`).
_BLOCK_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])")


def text(value: object, *, line_start: bool = True) -> str:
    """Inline text: one line (newlines and other whitespace runs become one space), with
    every character that could start markup escaped. `line_start=False` for text that
    never begins a line (a table cell, the middle of a sentence), where `-` or `1.` is
    just a character."""
    line = " ".join(str(value).split())
    line = "".join(_HTML.get(c, c) for c in line)
    line = _INLINE.sub(r"\\\1", line)
    line = _UNDERSCORE.sub(r"\\_", line)
    if not line_start:
        return line
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_block(m.group(2)), line)


class Markup(str):
    """Markdown the renderer wrote itself (`**score**`): passed through as it is."""


def cell(value: object) -> str:
    """A table cell: escaped text, or the renderer's own Markup."""
    return str(value) if isinstance(value, Markup) else text(value, line_start=False)


def _escape_block(marker: str) -> str:
    if marker[-1] in ".)":  # `1.` -> `1\.`
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def paragraphs(value: object) -> list[str]:
    """Multi-paragraph text (a scenario's description): each paragraph escaped as one
    line of inline text, paragraphs separated by blank lines."""
    parts = re.split(r"\n\s*\n", str(value))
    out: list[str] = []
    for part in parts:
        if part.strip():
            out += [text(part), ""]
    return out

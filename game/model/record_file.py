"""Record files: read with every check a save file deserves, written atomically.

Reading refuses, naming the file and the problem and never touching it: a missing, empty,
binary or oversized file; truncated or malformed JSON; a JSON document that is not a
record; a newer format version than this build reads; a record whose scenario content no
longer matches its hash; fields that do not validate. Older format versions are migrated.

Writing goes through `game.files.write_file`: atomic (a crash leaves either the old save
or the new one, whole), and only over a record the game wrote unless the user forces it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.files import JSONSyntaxError, Mark, json_format, parse_json, write_file
from game.model.clock import quarter_label
from game.model.errors import MAX_FILE_BYTES, InputError, format_validation, read_text
from game.model.record import FORMAT, FormatError, Record, content_hash, migrate
from game.model.scenario import Scenario

MAX_RECORD_BYTES = MAX_FILE_BYTES
"""Records over this size are refused (read_text's limit for every file the game reads);
a 24-turn game's record is about 100 kB."""


_RECORD_JSON = json_format(FORMAT)
_RECORD_HEAD = f'{{\n "format": "{FORMAT}",'.encode()


def _is_record(data: bytes) -> bool:
    """A JSON object whose "format" is the record format's. A file that opens as this
    build writes records is taken at its head, unparsed: the writer checks every record
    it writes by its mark, and parsing a whole game's record at each of a server's saves
    cost more than writing it. (A record of the game's cut short is then still its own:
    its next save may replace it.)"""
    return data.startswith(_RECORD_HEAD) or _RECORD_JSON(data)


RECORD_MARK = Mark("record", _is_record)
"""How the writer knows a record: a JSON object whose "format" is the record format's."""


def _cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """Whether the parser failed because the text stops: at the very end, inside a string
    (an unterminated string always runs into the end), or inside a last, cut number or
    word ("0." or "tr")."""
    rest = text[exc.pos:].rstrip()
    return (not rest or exc.msg.startswith("Unterminated string")
            or (len(rest) < 32 and not any(c in rest for c in ' \n\t,:{}[]"')))


def _parse_json(path: Path, text: str) -> Any:
    try:
        return parse_json(path, text)
    except JSONSyntaxError as wrapped:
        exc = wrapped.error
        if _cut_short(text, exc):
            why = "the file ends in the middle of the document (truncated?)"
        else:
            why = f"{exc.msg} (column {exc.colno})"
        raise InputError([f"{path}:{exc.lineno}: malformed JSON: {why}"]) from None


def _consistency(path: Path, record: Record, scenario: Scenario) -> list[str]:
    """Problems pydantic cannot see: the turns against the scenario's clock and deck."""
    problems = []
    turns, start = scenario.clock.turns, scenario.clock.start
    if len(record.turns) > turns:
        problems.append(f"{path}: turns: {len(record.turns)} turns recorded but the "
                        f"scenario has {turns}")
    deck = [e.id for e in scenario.events] + record.deck_ids()[len(scenario.events):]
    for i, entry in enumerate(record.turns):
        if entry.turn != i + 1:
            problems.append(f"{path}: turns[{i}].turn: expected {i + 1} (turns are "
                            f"numbered in order from 1), got {entry.turn}")
        expected = quarter_label(start, i)
        if entry.date != expected:
            problems.append(f"{path}: turns[{i}].date: expected {expected} for turn {i + 1} "
                            f"of a game starting {start}, got {entry.date!r}")
        for k, event in enumerate(entry.injects):
            if event not in deck:
                problems.append(f"{path}: turns[{i}].injects[{k}]: no event {event!r} in "
                                f"the scenario's deck (allowed: {', '.join(deck)})")
    for k, event in enumerate(record.pending.injects):
        if event not in deck:
            problems.append(f"{path}: pending.injects[{k}]: no event {event!r} in the "
                            f"scenario's deck (allowed: {', '.join(deck)})")
    return problems


def tamper_problem(record: Record, sealed: bool = True, written_as: int | None = None) -> str:
    """Why the record is not as the game wrote it ('' when its content hash matches, or
    when it was written unsealed, as a version 1 record: `sealed` False). `written_as`:
    the format version the file was written in, when it was migrated since (the hash is
    over the record as written)."""
    if not sealed:
        return ""
    if record.record_hash is None:
        return (
            "the record's record_hash is missing (the game writes one in every record "
            "since format version 2), so it cannot be trusted")
    as_written = record if written_as is None else record.model_copy(
        update={"format_version": written_as})
    if record.record_hash == as_written.body_hash():
        return ""
    return ("the record was changed after the game wrote it (its content no longer "
            "matches record_hash), so it cannot be trusted")


def read_record(path: str | Path, trust: bool = False) -> Record:
    """A validated record, migrated to the current format. Raises InputError, also for
    a record changed after the game wrote it unless `trust`."""
    record, tampered = read_record_checked(path)
    if tampered and not trust:
        raise InputError([f"{path}: {tampered}; pass --trust to use it anyway"])
    return record


def read_record_checked(path: str | Path) -> tuple[Record, str]:
    """A validated record and why it is not as the game wrote it ('' when it is), for
    a caller that decides (replay, --trust). Raises InputError for anything else."""
    path = Path(path)
    text = read_text(path, "record")
    data = _parse_json(path, text)
    if not isinstance(data, dict):
        raise InputError([f"{path}: not a Compute Race record (expected a JSON object "
                          f"with \"format\": \"{FORMAT}\", got a JSON {type(data).__name__})"])
    # A record written before format version 2 has no record_hash to check.
    written_as = data.get("format_version")
    unsealed_ok = isinstance(written_as, int) and written_as < 2
    try:
        data = migrate(data)
    except FormatError as exc:
        raise InputError([f"{path}: {exc}"]) from None
    # No line numbers: a record is written by the game, and a path names the field.
    try:
        record = Record.model_validate(data, strict=True)
    except ValidationError as exc:
        raise InputError(format_validation(path, "", exc, Record)) from None
    actual = content_hash(record.scenario)
    if actual != record.scenario_hash:
        raise InputError([f"{path}: scenario: the scenario content no longer matches "
                          f"scenario_hash (recorded {record.scenario_hash[:16]}..., the "
                          f"content hashes to {actual[:16]}...): the record was edited or "
                          "damaged, so it cannot be trusted to replay"])
    try:
        scenario = record.scenario_model()
    except ValidationError as exc:
        raise InputError(format_validation(path, "", exc, Scenario, ("scenario",))) from None
    problems = _consistency(path, record, scenario)
    if problems:
        raise InputError(problems)
    return record, tamper_problem(record, sealed=not unsealed_ok,
                                  written_as=written_as if isinstance(written_as, int) else None)


# --- writing --------------------------------------------------------------------------


def record_text(record: Record) -> str:
    """The record as written: sealed with its content hash."""
    return record.sealed().model_dump_json(indent=1) + "\n"


def write_record(path: str | Path, record: Record | str, force: bool = False) -> Path:
    """Save `record` (or its sealed text, as `record_text` or `RecordPieces.text` give it)
    to `path` by the output rules of `game.files.write` (atomic; only over a record,
    unless `force`). Raises InputError for a path that cannot or must not be written
    (nothing is changed then)."""
    path = Path(path)
    text = record_text(record) if isinstance(record, Record) else record
    size = len(text.encode())
    if size > MAX_RECORD_BYTES:
        raise InputError([f"{path}: the record would be {size:,} bytes, over the "
                          f"{MAX_RECORD_BYTES:,}-byte limit records are read with; "
                          "nothing was written"])
    return write_file(path, text, RECORD_MARK, force=force)

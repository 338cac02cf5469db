"""Files as data: the one reader and the one writer every part of the game uses.

    from game.files import Mark, write_file, read_text, parse_json, parse_toml
    write_file("game.json", text, RECORD_MARK, force=args.force)   # the output rules
    text = read_text(Path("s.toml"), "scenario")   # regular files only, bounded
    data = parse_toml(path, text)                  # finite numbers, bounded nesting

The package sits below every other layer (it knows no game rule), so the engine's
neighbours, the records, the reports and the server all write through the same rules:
see `write.py` for them. Every refusal is an InputError naming the path: exit 2.
"""

from game.files.errors import InputError
from game.files.marks import (
    GENERATOR,
    HTML_GENERATOR_META,
    MARKDOWN_MARK,
    Mark,
    document_mark,
    html_document,
    json_format,
    markdown_document,
)
from game.files.parse import MAX_DEPTH, JSONSyntaxError, depth, parse_json, parse_toml
from game.files.read import MAX_FILE_BYTES, read_bytes, read_text
from game.files.write import check_target, clean_temps, is_own_file, temp_name, write_file

__all__ = [
    "GENERATOR",
    "HTML_GENERATOR_META", "MARKDOWN_MARK", "MAX_DEPTH", "MAX_FILE_BYTES", "InputError",
    "JSONSyntaxError", "Mark", "check_target", "clean_temps", "depth", "document_mark", "html_document",
    "is_own_file", "json_format", "markdown_document", "parse_json", "parse_toml",
    "read_bytes", "read_text", "temp_name", "write_file",
]

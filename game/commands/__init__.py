"""One module per command: `add_parser(subparsers)` and a handler set as its default."""

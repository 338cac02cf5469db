"""The Textual terminal UI (imports textual; the headless core never imports this)."""

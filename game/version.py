"""The rules' version: bump it whenever the same scenario, seed and orders could give
another state (records pin it, and shipped par tables are keyed by it)."""

ENGINE_VERSION = "4"

"""Networked workshops: a server hosting tables, seats joined by code (issue 16).

    compute-race serve baseline-2025 --tables 4      # prints the address and the codes
    compute-race join http://HOST:8765 --code CODE   # a seat's screens, or --player headless

protocol.py (the messages) · codes.py (seat codes, rate limit) · store.py (the data
directory) · table.py (one table: orders, pause, deadline, writes before acks) ·
seat_view.py (what each seat is sent: the fog of war) · server.py (aiohttp WebSocket) ·
hosting.py (start, stop) · client.py, headless.py (the seat's side) · debrief.py.
No Textual here: the remote screens live in game.tui.
"""

"""Seat codes: the only key to a seat, so random, distinct, and easy to read aloud.

A code is six consonant-vowel syllables in two groups, `bakodu-mitesa`: 75^6 (about 2^37)
codes, no letters that sound or look alike (no c/q/x/l/w/y), typed in any case with or
without the hyphen. Failed attempts are rate-limited per address, so guessing one costs
years even on a server reachable from outside.
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from dataclasses import dataclass, field

CONSONANTS = "bdfghjkmnprstvz"
VOWELS = "aeiou"
SYLLABLES_PER_GROUP = 3
SEATS = ("us", "china", "facilitator")

MAX_FAILURES = 5
"""Wrong codes one address may try per window before every attempt is refused."""
FAILURE_WINDOW_S = 60.0


def new_code() -> str:
    groups = ["".join(secrets.choice(CONSONANTS) + secrets.choice(VOWELS)
                      for _ in range(SYLLABLES_PER_GROUP)) for _ in range(2)]
    return "-".join(groups)


def normalise(code: str) -> str:
    """What a person typed, in the stored form: lower case, spaces and hyphens ignored,
    the hyphen put back in the middle."""
    letters = "".join(ch for ch in code.lower() if ch.isalnum())
    half = len(letters) // 2
    return f"{letters[:half]}-{letters[half:]}" if letters else ""


def new_codes(tables: int) -> list[dict[str, str]]:
    """One code per seat for `tables` tables, all distinct."""
    seen: set[str] = set()
    out = []
    for _ in range(tables):
        seats = {}
        for seat in SEATS:
            code = new_code()
            while code in seen:
                code = new_code()
            seen.add(code)
            seats[seat] = code
        out.append(seats)
    return out


@dataclass(frozen=True)
class SeatKey:
    table: int  # 1-based
    seat: str  # us | china | facilitator


def index_codes(codes: list[dict[str, str]]) -> dict[str, SeatKey]:
    return {code: SeatKey(k + 1, seat) for k, seats in enumerate(codes)
            for seat, code in seats.items()}


@dataclass
class AttemptLimiter:
    """Wrong codes per address in a sliding window; over the limit, every attempt from
    that address is refused (right code or not) until the window has passed."""

    limit: int = MAX_FAILURES
    window_s: float = FAILURE_WINDOW_S
    failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self.failures.setdefault(address, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def wait_s(self, address: str, now: float | None = None) -> float:
        """Seconds until `address` may try again (0: now)."""
        now = time.monotonic() if now is None else now
        times = self._recent(address, now)
        if len(times) < self.limit:
            return 0.0
        return max(0.0, self.window_s - (now - times[0]))

    def failed(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self._recent(address, now).append(now)

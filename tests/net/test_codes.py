"""Seat codes: random, distinct, easy to read aloud, typed in any form; the limiter."""

from __future__ import annotations

import re

from game.net.codes import AttemptLimiter, index_codes, new_codes, normalise

SPOKEN = re.compile(r"^(?:[bdfghjkmnprstvz][aeiou]){3}-(?:[bdfghjkmnprstvz][aeiou]){3}$")


def test_codes_are_distinct_syllables_of_at_least_eight_letters():
    codes = new_codes(40)
    flat = [code for seats in codes for code in seats.values()]
    assert len(set(flat)) == len(flat) == 120
    assert all(SPOKEN.match(code) and len(code.replace("-", "")) >= 8 for code in flat)
    assert index_codes(codes)[codes[3]["china"]].table == 4


def test_a_code_read_aloud_is_accepted_however_it_is_typed():
    assert normalise(" BAKO du-MITesa ") == "bakodu-mitesa"
    assert normalise("bakodumitesa") == "bakodu-mitesa"


def test_the_limiter_refuses_an_address_for_the_rest_of_its_window():
    limiter = AttemptLimiter(limit=3, window_s=60)
    for t in range(3):
        assert limiter.wait_s("10.0.0.1", now=float(t)) == 0
        limiter.failed("10.0.0.1", now=float(t))
    assert limiter.wait_s("10.0.0.1", now=3.0) == 57.0
    assert limiter.wait_s("10.0.0.2", now=3.0) == 0  # another address is not punished
    assert limiter.wait_s("10.0.0.1", now=60.5) == 0  # the first failure has aged out

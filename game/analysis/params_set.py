"""`--set PARAM=VALUE|PARAM=LO:HI`: engine parameters changed for a sweep.

A setting names a parameter of the engine's specification (engine/params.py), optionally
one side (`chip_cost.china`) and, for a per-level table, one level (`export_cap_share[2]`);
without them it sets every side and level. A range is sampled per game, uniformly, from a
counter-based draw keyed by the game's seed (site SITE_SWEEP_PARAM): game i of a sweep
gets the same value however the sweep is split into chunks or spread over workers.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

import numpy as np

from game.engine import rng
from game.engine.params import PARAM_NAMES, PARAM_SPECS, Params, param_shape
from game.engine.types import SIDES, FloatArray
from game.model.errors import InputError
from game.model.params_model import domain_text, in_domain, param_domain

_FORM = re.compile(r"^(?P<name>[a-z_0-9]+)(\.(?P<side>[a-z]+))?(\[(?P<level>[^\]]*)\])?$")


@dataclass(frozen=True)
class ParamSetting:
    """One `--set`: parameter, side (None: both), table level (None: all), low..high."""

    name: str
    side: int | None
    level: int | None
    low: float
    high: float

    @property
    def ranged(self) -> bool:
        return self.high > self.low

    @property
    def label(self) -> str:
        side = "" if self.side is None else f".{SIDES[self.side]}"
        level = "" if self.level is None else f"[{self.level}]"
        return f"{self.name}{side}{level}"

    def __str__(self) -> str:
        value = f"{self.low:g}:{self.high:g}" if self.ranged else f"{self.low:g}"
        return f"{self.label}={value}"


def _number(text: str, setting: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError([f"--set {setting}: {text!r} is not a number"]) from None
    if not math.isfinite(value):
        raise InputError([f"--set {setting}: {text!r} is not a finite number"])
    return value


def parse_setting(text: str) -> ParamSetting:
    """Parse one `--set` argument; raises InputError naming what is wrong and allowed."""
    target, sep, value = text.partition("=")
    target, value = target.strip(), value.strip()
    form = "PARAM=VALUE or PARAM=LO:HI (PARAM may be NAME, NAME.us, NAME.china, NAME[LEVEL])"
    if not sep or not target or not value:
        raise InputError([f"--set {text}: expected {form}"])
    match = _FORM.match(target)
    if match is None:
        raise InputError([f"--set {text}: {target!r} is not a parameter name; expected {form}"])
    name = match["name"]
    if name not in PARAM_SPECS:
        close = difflib.get_close_matches(name, PARAM_NAMES, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InputError([f"--set {text}: unknown parameter {name!r}{hint} "
                          f"(allowed: {', '.join(PARAM_NAMES)})"])
    spec = PARAM_SPECS[name]
    side: int | None = None
    if match["side"] is not None:
        if match["side"] not in SIDES:
            raise InputError([f"--set {text}: unknown side {match['side']!r} "
                              "(allowed: us, china)"])
        if spec["kind"] == "shared":
            raise InputError([f"--set {text}: {name} is shared by both sides; "
                              f"set it as {name}=..."])
        side = SIDES.index(match["side"])
    level: int | None = None
    if match["level"] is not None:
        if spec["kind"] != "table":
            raise InputError([f"--set {text}: {name} has no levels; set it as {name}=..."])
        size = param_shape(name)[1]
        if not match["level"].isdigit() or int(match["level"]) >= size:
            raise InputError([f"--set {text}: level {match['level']!r} of {name} "
                              f"(allowed: 0 to {size - 1})"])
        level = int(match["level"])
    low_text, colon, high_text = value.partition(":")
    low = _number(low_text, text)
    high = _number(high_text, text) if colon else low
    if high < low:
        raise InputError([f"--set {text}: the range runs low to high; {low:g} is above "
                          f"{high:g}"])
    # The scenario's own ranges: a --set may not take the model where a scenario can't.
    allowed = param_domain(name)
    for v in (low, high):
        if not in_domain(v, allowed):
            raise InputError([f"--set {text}: {v:g} is out of range for {name} "
                              f"({spec['unit']}; allowed: {domain_text(name)})"])
    return ParamSetting(name, side, level, low, high)


def sample(settings: tuple[ParamSetting, ...], seeds: np.ndarray) -> FloatArray:
    """(N, S) each game's value of each setting: uniform in [low, high], keyed by the
    game's seed alone."""
    if not settings:
        return np.zeros((len(seeds), 0))
    u = rng.uniform(np.asarray(seeds, dtype=np.uint64), 0, rng.SITE_SWEEP_PARAM,
                    len(settings))
    low = np.array([s.low for s in settings])
    high = np.array([s.high for s in settings])
    drawn: FloatArray = low + (high - low) * u
    return drawn


def apply(params: Params, settings: tuple[ParamSetting, ...], values: FloatArray) -> Params:
    """Params with the settings applied. Fixed values keep the scenario's shapes; ranges
    make those parameters per game, (N, 2) or (N, 2, levels), as event effects do."""
    changed: dict[str, FloatArray] = {}
    games = values.shape[0]
    for j, s in enumerate(settings):
        current = changed.get(s.name, getattr(params, s.name))
        per_game = s.ranged or current.ndim > len(param_shape(s.name))
        if per_game:
            current = np.broadcast_to(current, (games, *param_shape(s.name)))
        arr = np.array(current, dtype=np.float64, copy=True)
        lead: tuple[slice, ...] = (slice(None),) if per_game else ()
        sides: slice | int = slice(None) if s.side is None else s.side
        index = lead + (sides,) if s.level is None else lead + (sides, s.level)
        target = arr[index]
        if per_game:
            value = values[:, j].reshape((games,) + (1,) * (np.ndim(target) - 1))
            arr[index] = np.broadcast_to(value, np.shape(target))
        else:
            arr[index] = s.low
        changed[s.name] = arr
    return params.with_values(**changed)

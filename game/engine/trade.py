"""Phase 4: what may cross the border, legally and not.

Export controls cap the share of US-bloc output China may buy (in chips) and set what
those chips are: export-grade parts (H20 class) cost about half an H100 and train at about
0.15 of one, but serve inference nearly as well. Smuggling moves chips by effort, cut by
enforcement; at export level 0 nobody smuggles what can be bought. Exposed smuggling
raises tension.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import rng
from game.engine.log import TurnLog
from game.engine.orders import P_ENFORCEMENT, P_EXPORT, P_SMUGGLING
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, lookup, pair, shared
from game.engine.types import CHINA, US, FloatArray


@dataclass(frozen=True, slots=True)
class TradeTerms:
    """Per game (B,): what China can get from the US bloc this quarter (M chips) and at
    what list price per M chips ($B), and what a legal chip is worth in H100e."""

    legal_cap: FloatArray
    legal_price: FloatArray
    smuggle_cap: FloatArray
    smuggle_price: FloatArray
    us_price: FloatArray
    train_worth: FloatArray
    inference_worth: FloatArray


def chip_prices(s: WorldState, p: Params) -> FloatArray:
    """(B, 2) $B per M H100e of home-market chips this quarter."""
    return p.chip_cost / s.hw_eff


def terms(s: WorldState, us_output: FloatArray, p: Params) -> TradeTerms:
    export = s.policy[:, US, P_EXPORT]
    us_price = chip_prices(s, p)[:, US]
    legal_cap = lookup(p.export_cap_share, US, export) * us_output
    legal_price = shared(p.import_premium) * us_price * lookup(p.export_unit_price, US, export)
    effort = lookup(p.smuggle_volume, CHINA, s.policy[:, CHINA, P_SMUGGLING])
    enforcement = lookup(p.enforcement_mult, US, s.policy[:, US, P_ENFORCEMENT])
    smuggle_cap = np.where(export > 0, effort * enforcement, 0.0)
    smuggle_price = shared(p.smuggle_premium) * us_price
    return TradeTerms(legal_cap, legal_price, smuggle_cap, smuggle_price, us_price,
                      lookup(p.export_value, US, export),
                      lookup(p.export_inference_value, US, export))


def exposure(
    s: WorldState, smuggled: FloatArray, p: Params, turn: int, log: TurnLog
) -> WorldState:
    """Exposed smuggling cases add tension; the chance rises with enforcement."""
    chance = lookup(p.smuggle_detect, US, s.policy[:, US, P_ENFORCEMENT])
    draw = rng.uniform(s.seed, turn, rng.SITE_SMUGGLING_DETECTED)[:, 0]
    exposed = (smuggled > 0) & (draw < chance)
    raw = s.tension + exposed * shared(p.smuggle_detect_tension)
    tension = clamp(raw, 0.0, 100.0)
    log.add("tension", "smuggling exposed", tension - s.tension)
    log.flows["smuggling_exposed"] = pair(exposed * 0.0, exposed * 1.0)
    last = np.where(exposed, CHINA, s.last_escalator)
    return s.evolve(tension=tension, last_escalator=last)

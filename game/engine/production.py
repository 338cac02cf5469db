"""Phase 3: technology moves on and fabs turn out chips.

Output (M H100e) = capacity x yield x hardware price-performance. China's yield climbs
toward a ceiling set by US equipment controls, faster under a localization mandate
(volume teaches the fabs); its hardware progress is slowed by the same controls. China's
mineral controls cut US-bloc output; a Taiwan crisis cuts Taiwan's.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import P_EQUIPMENT, P_LOCALIZATION, P_MINERALS
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, lookup, pair, shared, side_array
from game.engine.types import CHINA, US, FloatArray


def advance_technology(s: WorldState, p: Params) -> WorldState:
    batch = s.batch
    equipment = s.policy[:, US, P_EQUIPMENT]
    hw_growth = side_array(p.hw_growth, batch)
    hw_growth[:, CHINA] *= lookup(p.equipment_hw_growth, CHINA, equipment)
    ceiling = pair(lookup(p.yield_ceiling, US, equipment),
                   lookup(p.yield_ceiling, CHINA, equipment))
    localization = s.policy[:, CHINA, P_LOCALIZATION] / 100.0
    learning = side_array(p.yield_learning, batch)
    learning[:, CHINA] += side_array(p.localization_learning, batch)[:, CHINA] * localization
    learning = clamp(learning, 0.0, 1.0)
    return s.evolve(
        hw_eff=s.hw_eff * (1.0 + hw_growth),
        fab_yield=s.fab_yield + learning * (ceiling - s.fab_yield),
        energy_eff=s.energy_eff * (1.0 + shared(p.energy_growth))[..., None],
        serving_eff=s.serving_eff * (1.0 + shared(p.inference_growth))[..., None],
    )


def produce(s: WorldState, p: Params, log: TurnLog) -> tuple[FloatArray, FloatArray]:
    """Returns (output (B, 2) M H100e this quarter, Taiwan's part of the US output (B,))."""
    minerals = lookup(p.mineral_output, US, s.policy[:, CHINA, P_MINERALS])
    per_unit = s.fab_yield * s.hw_eff
    taiwan = s.fab_taiwan * per_unit[:, US] * shared(p.taiwan_output) * minerals
    home = s.fab_home * per_unit
    output = home.copy()
    output[:, US] = home[:, US] * minerals + taiwan
    log.flows["chips_produced"] = output
    log.flows["taiwan_output"] = pair(taiwan, np.zeros_like(taiwan))
    return output, taiwan

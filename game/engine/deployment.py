"""Phase 6: chips go into service only where data centers and power allow.

Old chips retire first and free their power. New chips draw the power of this quarter's
technology. What cannot be installed waits in inventory: stranded compute.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.params import Params
from game.engine.state import WorldState
from game.engine.tables import clamp, per_side, shared
from game.engine.types import FloatArray


def kw_per_new_chip(s: WorldState, p: Params) -> FloatArray:
    return shared(p.new_chip_kw)[..., None] / s.energy_eff


def active_share(s: WorldState) -> FloatArray:
    """(B, 2) share of compute in service that has power and space to run: an event that
    takes power away idles chips rather than destroying them."""
    room = np.minimum(s.dc_gw, s.power_gw)
    return clamp(room / np.maximum(s.power_used_gw, 1e-12), 0.0, 1.0)


def deploy(s: WorldState, p: Params, log: TurnLog) -> WorldState:
    retire_rate = per_side(p.chip_retire, s.batch)
    retired = s.compute * retire_rate
    power_freed = s.power_used_gw * retire_rate
    compute = s.compute - retired
    power_used = s.power_used_gw - power_freed

    kw = kw_per_new_chip(s, p)
    headroom = np.maximum(np.minimum(s.dc_gw, s.power_gw) - power_used, 0.0)
    deployed = np.minimum(s.inventory, headroom / kw)

    log.add("compute", "new chips", deployed)
    log.add("compute", "retired", -retired)
    log.add("inventory", "deployed", -deployed)
    log.flows["deployed"] = deployed
    log.flows["retired"] = retired
    return s.evolve(
        serve_extra=s.serve_extra * (1.0 - retire_rate),
        compute=compute + deployed,
        inventory=s.inventory - deployed,
        power_used_gw=power_used + deployed * kw,
    )

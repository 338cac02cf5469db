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

# Waiting chips count as stranded compute above this share of the compute in service.
STRANDED_SHARE = 0.10
# What ran out first when chips wait, as TurnLog.stranded_cause indexes it: power when
# the grid connection is no larger than the data-center space, else that space.
SHORT_OF: tuple[str, ...] = ("power", "data centers")


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
    waiting = s.inventory - deployed
    in_service = compute + deployed
    short_of_power = s.power_gw <= s.dc_gw
    log.stranded_cause = np.where(waiting > 0.0, np.where(short_of_power, 0, 1), -1
                                  ).astype(np.int64)
    log.stranded = waiting > STRANDED_SHARE * np.maximum(in_service, 1e-9)
    return s.evolve(
        serve_extra=s.serve_extra * (1.0 - retire_rate),
        compute=in_service,
        inventory=waiting,
        power_used_gw=power_used + deployed * kw,
    )

"""Phase 2: pipelines advance and spending starts new fabs, data centers and power.

Each pipeline slot k completes k + 1 quarters from now, so spending with lead time L
arrives L quarters later. The US domestic-build rule raises US unit costs, sends more of
US fab spending onshore instead of to Taiwan, completes that share of the Taiwan
expansions already under way onshore (Arizona instead of Hsinchu) and rebuilds part of
the remaining gap to that onshore share each quarter, at the onshore cost premium:
capacity a Taiwan blockade cannot touch.
"""

from __future__ import annotations

import numpy as np

from game.engine.log import TurnLog
from game.engine.orders import A_DATACENTERS, A_FABS, A_POWER, P_DOMESTIC_BUILD, P_EQUIPMENT
from game.engine.params import Params
from game.engine.state import PIPELINE_SLOTS, WorldState
from game.engine.tables import clamp, lookup, pair, per_side, shared
from game.engine.types import CHINA, US, FloatArray


def onshore_multiplier(policy: FloatArray, p: Params) -> FloatArray:
    """(B, 2) unit-cost multiplier: the US pays more to build at home; China does not."""
    rule = policy[:, US, P_DOMESTIC_BUILD] / 100.0
    mult = np.ones(policy.shape[:2])
    mult[:, US] = 1.0 + shared(p.onshore_premium) * rule
    return mult


def _advance(pipe: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Move every project one quarter closer; returns the new pipeline (a fresh array the
    caller may write into) and what completes now."""
    done = pipe[..., 0].copy()
    moved = np.empty(pipe.shape, dtype=pipe.dtype)  # C order: its flat view is itself
    # One flat shift (a single contiguous copy) moves every slot down; the last slot of
    # each row then picked up the next row's first and is cleared.
    moved.reshape(-1)[:-1] = np.ascontiguousarray(pipe).reshape(-1)[1:]
    moved[..., -1] = 0.0
    return moved, done


def _start(pipe: FloatArray, amount: FloatArray, lead: FloatArray) -> FloatArray:
    """Add `amount` (B, sides) into slot lead - 1 of each side's pipeline, in place (`pipe`
    is the fresh array from _advance)."""
    slot = clamp(np.rint(lead).astype(np.int64) - 1, 0, PIPELINE_SLOTS - 1)
    if slot.ndim == 1:  # one lead per side for every game: plain slicing
        for side in range(amount.shape[1]):
            pipe[:, side, int(slot[side])] += amount[:, side]
        return pipe
    slot = np.broadcast_to(slot, amount.shape)
    if pipe.flags.c_contiguous:  # one flat index per (game, side): a quarter of the cost
        cells = np.arange(amount.size).reshape(amount.shape) * pipe.shape[-1] + slot
        pipe.reshape(-1)[cells] += amount  # each (game, side) names one slot: no collisions
        return pipe
    rows = np.arange(amount.shape[0])[:, None]
    sides = np.arange(amount.shape[1])[None, :]
    pipe[rows, sides, slot] += amount
    return pipe


def build(s: WorldState, spend: FloatArray, p: Params, log: TurnLog) -> WorldState:
    batch = s.batch
    mult = onshore_multiplier(s.policy, p)
    fab_cost = per_side(p.fab_cost, batch) * mult
    china_fab_mult = lookup(p.equipment_fab_cost, CHINA, s.policy[:, US, P_EQUIPMENT])
    fab_cost = fab_cost * pair(np.ones(batch), china_fab_mult)

    onshore_share = np.maximum(shared(p.onshore_fab_share),
                               s.policy[:, US, P_DOMESTIC_BUILD] / 100.0)
    fab_spend = spend[:, :, A_FABS]
    home_fab_spend = fab_spend * pair(np.broadcast_to(onshore_share, (batch,)), np.ones(batch))
    new_fab = home_fab_spend / fab_cost
    new_taiwan = fab_spend[:, US] * (1.0 - onshore_share) / shared(p.taiwan_fab_cost)
    new_dc = spend[:, :, A_DATACENTERS] / (per_side(p.dc_cost, batch) * mult)
    new_power = spend[:, :, A_POWER] / (per_side(p.power_cost, batch) * mult)

    fab_pipe, fab_done = _advance(s.fab_pipe)
    taiwan_pipe, taiwan_done = _advance(s.taiwan_pipe)
    dc_pipe, dc_done = _advance(s.dc_pipe)
    power_pipe, power_done = _advance(s.power_pipe)

    fab_lead = per_side(p.fab_lead, batch)
    fab_pipe = _start(fab_pipe, new_fab, fab_lead)
    taiwan_pipe = _start(taiwan_pipe[:, None, :], new_taiwan[:, None],
                         fab_lead[..., :1])[:, 0]
    dc_pipe = _start(dc_pipe, new_dc, per_side(p.dc_lead, batch))
    power_pipe = _start(power_pipe, new_power, per_side(p.power_lead, batch))

    # The rule: at least `rule` of US-bloc fab capacity onshore. Taiwan expansions under
    # way complete onshore in that share, and `onshore_relocation` of the remaining gap
    # is rebuilt onshore each quarter; moving costs the onshore premium in capacity.
    rule = s.policy[:, US, P_DOMESTIC_BUILD] / 100.0
    onshore = s.fab_home[:, US] + fab_done[:, US]
    total = onshore + s.fab_taiwan + taiwan_done
    gap = np.maximum(rule * total - onshore - rule * taiwan_done, 0.0)
    rebuilt = np.minimum(gap * shared(p.onshore_relocation), s.fab_taiwan)
    relocated = taiwan_done * rule + rebuilt
    fab_done = fab_done.copy()
    fab_done[:, US] += relocated / mult[:, US]
    taiwan_done = taiwan_done * (1.0 - rule) - rebuilt

    log.add("dc_gw", "completed", dc_done)
    log.add("power_gw", "completed", power_done)
    log.flows["dc_started_gw"] = new_dc
    log.flows["power_started_gw"] = new_power
    log.flows["fab_started"] = new_fab
    log.flows["fab_relocated"] = pair(relocated, np.zeros_like(relocated))
    return s.evolve(
        fab_home=s.fab_home + fab_done,
        fab_taiwan=s.fab_taiwan + taiwan_done,
        dc_gw=s.dc_gw + dc_done,
        power_gw=s.power_gw + power_done,
        fab_pipe=fab_pipe,
        taiwan_pipe=taiwan_pipe,
        dc_pipe=dc_pipe,
        power_pipe=power_pipe,
    )

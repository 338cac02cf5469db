"""`balanced`: a steady all-rounder for either side.

Keeps power and data centers a step ahead of chip purchases (stranded chips earn
nothing), funds research steadily, trains harder when behind on capability and serves
more when losing the market, and answers the other side's moves in measure (China answers
US tool controls, or export controls at the top, by training harder and, while the risk is
small and the blame would fall on the US bloc, tightening minerals), stepping back from
escalation when tension runs high.
"""

from __future__ import annotations

import numpy as np

from game.bots.base import Bot, register
from game.bots.observation import Observation
from game.bots.tactics import (
    TYPICAL_MOVE,
    conflict_cost,
    pressure_share,
    risk_stance,
    step_back,
)
from game.engine.orders import (
    A_CHIPS,
    A_DATACENTERS,
    A_POWER,
    P_CN_OPEN,
    P_ENFORCEMENT,
    P_EQUIPMENT,
    P_EXPORT,
    P_LOCALIZATION,
    P_MINERALS,
    P_SMUGGLING,
    P_SUBSIDY,
    SideOrders,
)
from game.engine.types import US, BoolArray

BASE_ALLOCATION = np.array([0.54, 0.03, 0.24, 0.07, 0.09, 0.03])
# China under US export controls: chip money moved to fabs and research.
CONTROLLED_SHIFT = np.array([-0.15, 0.09, 0.0, 0.0, 0.06, 0.0])
GROWTH_AHEAD = 2.0  # build data centers for this multiple of today's draw
POWER_AHEAD_PER_YEAR = 1.3  # connect power for this growth a year over its lead time
IDLE_STOP = 4.0  # with trim_idle: no new capacity once a quarter beyond the plan
# Crisis hazard per quarter: escalate while a move keeps it below the first; step back
# above the second.
ESCALATE_RISK = 0.02
STEP_BACK_RISK = 0.05
ANSWER_TRAINING = 0.1  # China trains this much harder while the US bloc presses it
# China tightens minerals in answer while the move leaves its expected loss to open
# conflict under this many points a quarter.
ANSWER_COST = 0.1
# The lowest each side steps back to (columns as the side's policies).
US_FLOOR = np.array([2, 1, 0, 1, 0], dtype=float)
CHINA_FLOOR = np.zeros(5)
OPEN_UNTIL_AHEAD = 0.3  # log10 FLOP ahead: beyond it a leader keeps its weights closed
SUBSIDY_GAP = 0.6  # log10 FLOP behind at most: a subsidised product must still sell


def pressed_by_us(obs: Observation) -> BoolArray:
    """(B,) for China: the US bloc has escalated past the baseline's 2025 controls
    (tool controls tightened beyond EUV, or export controls at the top)."""
    us = obs.other_policy
    return (us[:, P_EQUIPMENT] >= 2) | (us[:, P_EXPORT] >= 4)


def plan_infrastructure(obs: Observation, alloc: np.ndarray, ahead: float = GROWTH_AHEAD,
                        urgency: float = 1.0, trim_idle: bool = False) -> np.ndarray:
    """Move chip money into data centers and power where the capacity in hand and under
    construction falls short of `ahead` x today's draw (power: growth over its lead
    time), or chips sit stranded. With `trim_idle`, capacity already beyond the plan
    would stay idle, so its share goes to chips instead."""
    used = np.maximum(obs.mine("power_used_gw"), 1e-9)
    kw = used / np.maximum(obs.mine("compute"), 1e-9)
    need = used + obs.mine("inventory") * kw
    dc_gap = np.clip((need * ahead - obs.mine("dc_gw") - obs.mine("dc_pipeline_gw")) / used,
                     0, 1)
    lead = (np.full(obs.batch, 4.0) if obs.rules is None else
            np.broadcast_to(obs.rules.params.power_lead, (obs.batch, 2))[:, obs.side])
    power_target = need * ahead / GROWTH_AHEAD * np.power(POWER_AHEAD_PER_YEAR, lead / 4.0)
    power_gap = np.clip(
        (power_target - obs.mine("power_gw") - obs.mine("power_pipeline_gw")) / used, 0, 1)
    stranded = obs.mine("inventory") / np.maximum(obs.mine("compute"), 1e-9)
    alloc = alloc.copy()
    # Capacity already beyond the plan stays idle: spend its share on chips instead.
    for column, have, target in (
            (A_DATACENTERS, obs.mine("dc_gw") + obs.mine("dc_pipeline_gw"), need * ahead),
            (A_POWER, obs.mine("power_gw") + obs.mine("power_pipeline_gw"), power_target)):
        if not trim_idle:
            break
        idle = np.clip(IDLE_STOP * (have - target) / np.maximum(target, 1e-9), 0.0, 1.0)
        freed = alloc[:, column] * idle
        alloc[:, column] -= freed
        alloc[:, A_CHIPS] += freed
    extra_dc = urgency * (dc_gap + stranded) * 0.25
    extra_power = urgency * (power_gap + stranded) * 0.15
    move = np.minimum(extra_dc + extra_power, alloc[:, A_CHIPS] - 0.15)
    total = np.maximum(extra_dc + extra_power, 1e-12)
    alloc[:, A_CHIPS] -= move
    alloc[:, A_DATACENTERS] += move * extra_dc / total
    alloc[:, A_POWER] += move * extra_power / total
    return alloc


@register("balanced", "A steady all-rounder: builds power ahead of chips, funds research, "
                      "answers escalation in measure.")
class Balanced(Bot):
    def policy(self, obs: Observation) -> SideOrders:
        b = obs.batch
        alloc = np.repeat(BASE_ALLOCATION[None, :], b, axis=0)
        if obs.side != US:
            # Chip money finds only the chips China's fabs make and the US lets through
            # (the rest is mostly lost): under controls, build fabs and do research instead.
            controlled = (obs.other_policy[:, P_EXPORT] >= 2)[:, None]
            alloc = np.where(controlled, alloc + CONTROLLED_SHIFT[None, :], alloc)

        # Power and space: have room for about a year's growth once what is under
        # construction arrives (stranded chips earn nothing).
        alloc = plan_infrastructure(obs, alloc, trim_idle=True)

        behind = obs.theirs("capability") - obs.mine("capability")
        training = np.clip(0.45 + 0.15 * np.tanh(2.0 * behind), 0.25, 0.65)
        losing_market = obs.mine("market_share") < 0.25
        training = np.where(losing_market, training - 0.05, training)

        policy = obs.own_policy.copy()
        if obs.side != US:
            # Answer a US escalation (tool controls tightened, or export controls at the
            # top): train harder to outrun it, and tighten minerals while the US bloc
            # drives more of the tension than China does (the blame would be its) and the
            # crisis risk China would run stays small.
            pressed = pressed_by_us(obs)
            training = np.where(pressed, np.minimum(training + ANSWER_TRAINING, 0.7), training)
        # Weigh crisis risk: escalate only while a move leaves the hazard small; step back
        # once it bites (a crisis costs each side by its share of the blame).
        calm, hot = risk_stance(obs, ESCALATE_RISK, STEP_BACK_RISK)
        if obs.side == US:
            closing = behind > -0.4  # China within 0.4 log10 FLOP
            policy[:, P_EXPORT] = np.where(calm & closing,
                                           np.maximum(policy[:, P_EXPORT], 3), policy[:, P_EXPORT])
        else:
            us_export = obs.other_policy[:, P_EXPORT]
            cut_off = us_export >= 3
            policy[:, P_LOCALIZATION] = np.where(
                cut_off, np.minimum(policy[:, P_LOCALIZATION] + 10.0, 40.0),
                policy[:, P_LOCALIZATION])
            policy[:, P_MINERALS] = np.where(cut_off & calm,
                                             np.maximum(policy[:, P_MINERALS], 2),
                                             policy[:, P_MINERALS])
            policy[:, P_SMUGGLING] = np.where(us_export >= 2,
                                              np.maximum(policy[:, P_SMUGGLING], 1), 0)
            # Open weights win adoption for a follower; a clear leader's would be a gift.
            policy[:, P_CN_OPEN] = np.where(behind > -OPEN_UNTIL_AHEAD, 1.0, 0.0)
            # A price war only with a product buyers want and while it provokes little.
            subsidise = (obs.mine("market_share") < 0.15) & (behind < SUBSIDY_GAP) & calm
            policy[:, P_SUBSIDY] = np.where(subsidise, 1.0, 0.0)
            answer = pressed & (pressure_share(obs) < 0.5) & (
                conflict_cost(obs, TYPICAL_MOVE) < ANSWER_COST)
            policy[:, P_MINERALS] = np.where(answer, 3.0, policy[:, P_MINERALS])
        # Step back from the brink: lower the most escalatory lever that is still above
        # its floor by one (the US bloc: export controls to the 2023 rules, then tool
        # controls, then enforcement; China: minerals).
        if obs.side == US:
            policy = step_back(policy, obs, hot, (P_EXPORT, P_EQUIPMENT, P_ENFORCEMENT),
                               US_FLOOR)
        else:
            policy = step_back(policy, obs, hot, (P_MINERALS,), CHINA_FLOOR)
        return SideOrders(alloc, training, policy)

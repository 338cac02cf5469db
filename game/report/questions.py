"""Discussion questions generated from what happened in a game.

Each rule looks for one kind of story in the game's figures (stranded compute, a control
and the answer to it, a brush with crisis, a misjudgement, a shift in the market, an event
or inject, the result) and, when it finds one, asks about it with the model's own numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from game.engine.orders import POLICIES
from game.engine.types import SIDES
from game.present.numbers import number
from game.report.facts import (
    POLICY_LABELS,
    SIDE_NAMES,
    Debrief,
    inject_source,
    policy_word,
)
from game.session import Game

MAX_QUESTIONS = 7


def questions(game: Game, d: Debrief) -> list[str]:
    rules: list[Callable[[Game, Debrief], list[str]]] = [
        _stranded, _controls, _crisis, _misjudged, _market, _events, _result]
    out: list[str] = []
    for rule in rules:
        out += rule(game, d)
    return out[:MAX_QUESTIONS]


def _quarter(d: Debrief, index: int) -> str:
    """The date of series index `index` (0 = the opening)."""
    return d.dates[index] if index > 0 else d.start


def _stranded(game: Game, d: Debrief) -> list[str]:
    out = []
    for i, side in enumerate(SIDES):
        inventory, compute = d.series["inventory"][side], d.series["compute"][side]
        stranded = [k for k in range(1, len(d.dates))
                    if inventory[k] > 0.10 * max(compute[k], 1e-9)]
        if len(stranded) < 2:
            continue
        worst = max(stranded, key=lambda k: inventory[k] / max(compute[k], 1e-9))
        by_power = sum(1 for k in stranded
                       if game.history[k - 1].state.power_gw[0, i]
                       < game.history[k - 1].state.dc_gw[0, i])
        cause = "power" if by_power * 2 >= len(stranded) else "data-center space"
        fix = "power" if cause == "power" else "data centers"
        out.append(
            f"{SIDE_NAMES[side]}'s compute was stranded for {len(stranded)} quarters, "
            f"held back mostly by {cause} (at worst {number(inventory[worst])} M H100e waiting, "
            f"{inventory[worst] / max(compute[worst], 1e-9):.0%} of the fleet in service, "
            f"in {_quarter(d, worst)}). What would have changed if budget had gone from "
            f"chips to {fix} a year earlier, and who in the team saw it coming?")
    return out


def _controls(game: Game, d: Debrief) -> list[str]:
    """The first time a side tightened its main lever against the other, and the answer."""
    out = []
    us_imports = d.series["chips_imported"]["china"]
    smuggled = d.series["chips_smuggled"]["china"]
    previous = float(game.opening.policy[0, 0, 0])
    for rec in game.history:
        level = float(rec.orders["us"].policies.export_controls)  # type: ignore[union-attr]
        if level > previous:
            k = rec.turn + 1  # series index of the quarter the controls took effect
            later = min(k + 3, len(d.dates) - 1)
            after = sum(us_imports[k:later + 1]) / (later - k + 1)
            smug = sum(smuggled[k:later + 1]) / (later - k + 1)
            earlier = us_imports[max(k - 4, 1):k]
            before = (f"went from {sum(earlier) / len(earlier):.2f} to {after:.2f}"
                      if earlier else f"averaged {after:.2f}")
            lead_then = d.series["capability"]["us"][k] - d.series["capability"]["china"][k]
            lead_end = d.series["capability"]["us"][-1] - d.series["capability"]["china"][-1]
            answers = _china_answers(game, rec.turn, later)
            out.append(
                f"The US raised export controls from {previous:.0f} to {level:.0f} in "
                f"{d.dates[k]}: China's legal chip imports {before} M H100e a quarter over "
                f"the next year, smuggling brought in {smug:.2f} a quarter"
                f"{', and China answered with ' + answers if answers else ''}. The US "
                f"capability lead went from {lead_then:+.2f} to {lead_end:+.2f} log10 FLOP by "
                "the end. Did the controls buy what they were meant to, and at what cost?")
            break
        previous = level
    return out


def _china_answers(game: Game, start: int, end: int) -> str:
    changes: dict[str, str] = {}  # policy -> its highest level in the window
    before = game.history[start - 1].orders["china"] if start > 0 else None
    for rec in game.history[start:end]:
        policies = rec.orders["china"].policies
        for name in POLICIES["china"]:
            old = (float(getattr(before.policies, name)) if before is not None
                   else float(game.opening.policy[0, 1, POLICIES["china"].index(name)]))
            new = float(getattr(policies, name))
            if new > old and name != "open_weights":
                changes[name] = f"{POLICY_LABELS[name]} up to {policy_word(name, new)}"
        before = rec.orders["china"]
    return ", ".join(changes.values())


def _crisis(game: Game, d: Debrief) -> list[str]:
    tension = d.series["tension"]["both"]
    peak = max(range(len(tension)), key=lambda k: tension[k])
    threshold = d.crisis_threshold
    if d.outcome.crisis:
        blamed = SIDE_NAMES[d.outcome.blamed or "us"]
        return [f"Tension hit the crisis threshold ({threshold:.0f}) in {_quarter(d, peak)} "
                f"and the crisis was blamed on {blamed}, the last to escalate. Which move "
                "could each side have held back, and did either team track how close it was?"]
    if peak == 0 or tension[peak] < threshold - 20:
        return []
    rec = game.history[peak - 1]
    causes = rec.log.contributions.get("tension", {})
    pushes = sorted(((float(v[0]), c) for c, v in causes.items() if float(v[0]) > 0.05),
                    reverse=True)
    why = ", ".join(f"{c} {v:+.1f}" for v, c in pushes[:3])
    return [f"Tension peaked at {tension[peak]:.0f} in {_quarter(d, peak)}, "
            f"{threshold - tension[peak]:.0f} points short of a crisis"
            f"{' (that quarter: ' + why + ')' if why else ''}. What signal would have told "
            "each team how close it was, and what would a de-escalation have cost?"]


def _misjudged(game: Game, d: Debrief) -> list[str]:
    out = []
    for side in SIDES:
        m = d.misjudgements[side]
        b = m.belief
        other = SIDE_NAMES[SIDES[1 - SIDES.index(side)]]
        if b.name == "capability":
            gap = f"{b.believed - b.true:+.2f} log10 FLOP off"
            if abs(b.believed - b.true) < 0.05:
                continue
        else:
            if b.true <= 0 or abs(math.log(max(b.believed, 1e-12) / b.true)) < 0.1:
                continue
            gap = f"{b.believed / b.true - 1:+.0%}"
        out.append(
            f"{'At the start' if m.turn < 0 else 'After ' + m.date} {SIDE_NAMES[side]} believed {other}'s {b.label} was "
            f"{b.believed:.3g} {b.unit}; it was {b.true:.3g} ({gap}, confidence "
            f"'{b.confidence}'). {SIDE_NAMES[side]} spent {d.intel_share[side]:.0%} of its "
            "budget on intelligence on average: which decision would the truth have changed, "
            "and was better intelligence worth its price?")
    return out[:1] if len(out) > 1 and out[0] == out[1] else out


def _market(game: Game, d: Debrief) -> list[str]:
    share = d.series["market_share"]["china"]
    change = share[-1] - share[0]
    if abs(change) < 10:
        return []
    winner = "china" if change > 0 else "us"
    price = d.series["price"]
    subsidy = max(float(r.orders["china"].policies.price_subsidy)  # type: ignore[union-attr]
                  for r in game.history)
    extra = f" China's price subsidy reached level {subsidy:.0f}." if subsidy > 0 else ""
    return [f"China's share of the inference market went from {share[0]:.0f}% to "
            f"{share[-1]:.0f}% while its price per million tokens ended at "
            f"${price['china'][-1]:.3g} against ${price['us'][-1]:.3g} for the US.{extra} "
            f"What won {SIDE_NAMES[winner]} the market: price, capability or capacity, and "
            "could the other side have answered?"]


def _events(game: Game, d: Debrief) -> list[str]:
    deck = game.rules.deck
    out = []
    for rec in game.history:
        fired = rec.log.events_fired
        if fired is None:
            continue
        for k in range(fired.shape[1]):
            source = inject_source(game, rec.turn, k)
            if not fired[0, k] or not (deck.major[k] or source == "facilitator"):
                continue
            k0 = rec.turn + 1  # series index right after the event fired
            after = min(k0 + 4, len(d.dates) - 1)
            if after <= k0:
                continue
            growth = {side: _growth(d.series["compute"][side], max(k0 - 4, 0), k0) for side in SIDES}
            later = {side: _growth(d.series["compute"][side], k0, after) for side in SIDES}
            how = {"facilitator": "injected by the facilitator",
                   "scenario": "scripted by the scenario"}.get(source or "", "drawn from the deck")
            out.append(
                f"'{deck.titles[k]}' ({how}) hit at the end of {d.dates[k0]}: compute growth "
                f"went from {growth['us']:+.0%} to {later['us']:+.0%} a quarter for the US and "
                f"from {growth['china']:+.0%} to {later['china']:+.0%} for China. Was either "
                "team prepared, and which hedge would have paid off?")
            if len(out) >= 2:
                return out
    return out


def _growth(values: list[float], start: int, end: int) -> float:
    if end <= start or values[start] <= 0:
        return 0.0
    return float((values[end] / values[start]) ** (1.0 / (end - start)) - 1.0)


def _result(game: Game, d: Debrief) -> list[str]:
    o = d.outcome
    if o.crisis or o.sudden_death:
        return []
    lead = {side: max(o.term_points[side].items(), key=lambda kv: kv[1]) for side in SIDES}
    if o.winner is None:
        return [f"The game ended in a draw ({o.scores['us']:.1f} to {o.scores['china']:.1f}). "
                "Which single decision, by either side, would have broken the tie?"]
    loser = SIDES[1 - SIDES.index(o.winner)]
    term, points = lead[o.winner]
    return [f"{SIDE_NAMES[o.winner]} won {o.scores[o.winner]:.1f} to {o.scores[loser]:.1f}, "
            f"most of it on {term.replace('_', ' ')} ({points:+.1f} points). Which single "
            f"decision mattered most, and what should {SIDE_NAMES[loser]} have done "
            "differently in the first year?"]

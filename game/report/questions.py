"""Discussion questions generated from what happened in a game.

Each rule looks for one kind of story in the game's facts (stranded compute, a control
and the answer to it, a brush with crisis, a misjudgement, a shift in the market, an event
or inject, the result) and, when it finds one, asks about it with the model's own numbers
in the units shown on screen. A rule that finds nothing moved asks nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from game.engine.types import SIDES
from game.present.figures import figure
from game.present.numbers import percent, points, price
from game.present.outcome import attribute
from game.present.words import (
    POLICY_VOCABULARY,
    SIDE_NAME,
    SOURCE_PHRASES,
    TERM_WORDS,
    other_side,
    policy,
)
from game.report.facts import Debrief
from game.report.swings import cause_list
from game.session import Game

MAX_QUESTIONS = 7
# A figure "moved" when its change shows in the number a person reads.
MOVED = 0.005


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
    """A side the engine found stranded for two quarters or more, and what held it back."""
    out = []
    for side in SIDES:
        facts = [(k, game.summary(k).sides[side]) for k in range(game.turn)]
        stranded = [(k, s) for k, s in facts if s.stranded]
        if len(stranded) < 2:
            continue
        k, worst = max(stranded, key=lambda ks: ks[1].after["inventory"]
                       / max(ks[1].after["compute"], 1e-9))
        by_power = sum(1 for _, s in stranded if s.short_of == "power")
        cause = "power" if by_power * 2 >= len(stranded) else "data-center space"
        fix = "power" if cause == "power" else "data centers"
        waiting = worst.after["inventory"]
        out.append(
            f"{SIDE_NAME[side]}'s compute was stranded for {len(stranded)} quarters, "
            f"held back mostly by {cause} (at worst {figure('inventory').text(waiting)} "
            f"waiting, {percent(waiting / max(worst.after['compute'], 1e-9), 0)} of the "
            f"fleet in service, in {game.date_of(k)}). What would have changed if budget "
            f"had gone from chips to {fix} a year earlier, and who in the team saw it coming?")
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _controls(game: Game, d: Debrief) -> list[str]:
    """The first time the US tightened export controls, and what followed, when it moved
    China's chip supply."""
    imports, smuggled = d.series["chips_imported"]["china"], d.series["chips_smuggled"]["china"]
    controls = policy("export_controls", "us")
    previous = float(game.opening.policy[0, 0, controls.column])
    chips = figure("chips_imported")
    for rec in game.history:
        level = float(getattr(rec.orders["us"].policies, controls.name))
        if level <= previous:
            previous = level
            continue
        k = rec.turn + 1  # series index of the quarter the controls took effect
        later = min(k + 3, len(d.dates) - 1)
        after = _mean(imports[k:later + 1])
        smug = _mean(smuggled[k:later + 1])
        earlier = imports[max(k - 4, 1):k]
        before = _mean(earlier) if earlier else None
        if max(abs(after - (before or 0.0)), smug) < MOVED:
            return []  # nothing moved: China bought and smuggled no chips either way
        supply = (f"went from {chips.text(before)} to {chips.text(after)}"
                  if before is not None else f"averaged {chips.text(after)}")
        lead = [d.series["capability"]["us"][j] - d.series["capability"]["china"][j]
                for j in (k, -1)]
        answers = _china_answers(game, rec.turn, later)
        return [
            f"The US raised export controls from {controls.setting(previous)} to "
            f"{controls.setting(level)} in {d.dates[k]}: China's legal chip imports {supply} "
            f"a quarter over the next year, smuggling brought in {chips.text(smug)} a "
            f"quarter{', and China answered with ' + answers if answers else ''}. The US "
            f"capability lead went from {_lead(lead[0])} to {_lead(lead[1])} log10 FLOP by "
            "the end. Did the controls buy what they were meant to, and at what cost?"]
    return []


def _lead(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _china_answers(game: Game, start: int, end: int) -> str:
    changes: dict[str, str] = {}  # policy -> its highest level in the window
    before = game.history[start - 1].orders["china"] if start > 0 else None
    for rec in game.history[start:end]:
        policies = rec.orders["china"].policies
        for p in (p for p in POLICY_VOCABULARY["china"] if p.name != "open_weights"):
            old = (float(getattr(before.policies, p.name)) if before is not None
                   else float(game.opening.policy[0, 1, p.column]))
            new = float(getattr(policies, p.name))
            if new > old:
                changes[p.name] = f"{p.words} up to {p.setting(new)}"
        before = rec.orders["china"]
    return ", ".join(changes.values())


def _crisis(game: Game, d: Debrief) -> list[str]:
    tension = d.series["tension"]["both"]
    peak = max(range(len(tension)), key=lambda k: tension[k])
    threshold = d.crisis_threshold
    if d.outcome.crisis:
        assert d.outcome.blamed is not None
        return [f"Tension hit the crisis threshold ({threshold:.0f}) in {_quarter(d, peak)} "
                f"and the crisis was blamed on {SIDE_NAME[d.outcome.blamed]}, the last to "
                "escalate. Which move could each side have held back, and did either team "
                "track how close it was?"]
    if peak == 0 or tension[peak] < threshold - 20:
        return []
    s = game.summary(peak - 1)
    pushes = [(words, v) for words, v in cause_list(game, s, "tension", s.tension_causes)
              if v > 0.05]
    why = ", ".join(f"{words} {points(v, sign=True)}" for words, v in pushes[:3])
    return [f"Tension peaked at {tension[peak]:.0f} in {_quarter(d, peak)}, "
            f"{threshold - tension[peak]:.0f} points short of a crisis"
            f"{' (that quarter: ' + why + ')' if why else ''}. What signal would have told "
            "each team how close it was, and what would a de-escalation have cost?"]


def _misjudged(game: Game, d: Debrief) -> list[str]:
    out = []
    for side in SIDES:
        m = d.misjudgements[side]
        b = m.belief
        f = figure(b.name)
        if b.name == "capability":
            if abs(b.believed - b.true) < 0.05:
                continue
            gap = f"{b.believed - b.true:+.2f} log10 FLOP off".replace("-", "−")
        else:
            if b.true <= 0 or abs(math.log(max(b.believed, 1e-12) / b.true)) < 0.1:
                continue
            gap = percent(b.believed / b.true - 1, 0)
            gap = gap if gap.startswith("−") else "+" + gap
        when = "At the start" if m.turn < 0 else f"After {m.date}"
        out.append(
            f"{when} {SIDE_NAME[side]} believed {SIDE_NAME[other_side(side)]}'s {f.words} "
            f"was {f.text(b.believed)}; it was {f.text(b.true)} ({gap}, confidence "
            f"'{b.confidence}'). {SIDE_NAME[side]} spent {percent(d.intel_share[side], 0)} "
            "of its budget on intelligence on average: which decision would the truth have "
            "changed, and was better intelligence worth its price?")
    return out


def _market(game: Game, d: Debrief) -> list[str]:
    share = d.series["market_share"]["china"]  # in %
    change = share[-1] - share[0]
    if abs(change) < 10:
        return []
    winner = "china" if change > 0 else "us"
    final = game.figures()
    subsidy = policy("price_subsidy", "china")
    top = max(float(getattr(r.orders["china"].policies, subsidy.name)) for r in game.history)
    extra = (f" China's price subsidy reached {subsidy.setting(top)}." if top > 0 else "")
    return [f"China's share of the inference market went from {share[0]:.0f}% to "
            f"{share[-1]:.0f}% while its price ended at {price(final['china']['price'])} "
            f"against {price(final['us']['price'])} for the US.{extra} What won "
            f"{SIDE_NAME[winner]} the market: price, capability or capacity, and could the "
            "other side have answered?"]


def _events(game: Game, d: Debrief) -> list[str]:
    out = []
    for k in range(game.turn):
        for event in game.summary(k).events:
            if not (event.major or event.source == "facilitator"):
                continue
            k0 = k + 1  # series index right after the event fired
            after = min(k0 + 4, len(d.dates) - 1)
            if after <= k0:
                continue
            growth = {side: _growth(d.series["compute"][side], max(k0 - 4, 0), k0)
                      for side in SIDES}
            later = {side: _growth(d.series["compute"][side], k0, after) for side in SIDES}
            # Moved as a person reads it: a change hidden by rounding is no change.
            moved = [s for s in SIDES if abs(later[s] - growth[s]) >= MOVED
                     and _rate(later[s]) != _rate(growth[s])]
            if not moved:
                continue
            change = " and ".join(
                f"from {_rate(growth[s])} to {_rate(later[s])} a quarter for "
                f"{SIDE_NAME[s]}" for s in moved)
            out.append(
                f"'{event.title}' ({SOURCE_PHRASES[event.source]}) hit at the end of "
                f"{d.dates[k0]}; it acts from the next quarter. Compute growth went {change}. "
                "Was either team prepared, and which hedge would have paid off?")
            if len(out) >= 2:
                return out
    return out


def _rate(growth: float) -> str:
    text = percent(growth, 0)
    return text if text.startswith(("−", "<")) else "+" + text


def _growth(values: list[float], start: int, end: int) -> float:
    if end <= start or values[start] <= 0:
        return 0.0
    return float((values[end] / values[start]) ** (1.0 / (end - start)) - 1.0)


def _result(game: Game, d: Debrief) -> list[str]:
    o = d.outcome
    if o.crisis or o.sudden_death:
        return []
    if o.winner is None:
        return [f"The game ended in a draw ({o.scores['us']:.1f} to {o.scores['china']:.1f}). "
                "Which single decision, by either side, would have broken the tie?"]
    loser = other_side(o.winner)
    a = attribute(o.winner, o.term_points)
    decided = " and ".join(f"{TERM_WORDS[p.term]} ({points(p.points, sign=True)})"
                           for p in a.decided) or "no single goal"
    return [f"{SIDE_NAME[o.winner]} won {o.scores[o.winner]:.1f} to {o.scores[loser]:.1f}; "
            f"the lead came {'mostly ' if a.mostly else ''}from {decided}. Which single decision mattered most, and what "
            f"should {SIDE_NAME[loser]} have done differently in the first year?"]


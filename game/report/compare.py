"""Several games side by side (four tables playing one scenario, or a game and its branch):
the data of a comparison report. compare_render.py renders it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.orders import ALLOCATION, POLICIES
from game.engine.types import SIDES
from game.model.orders import Orders
from game.report.facts import POLICY_LABELS, SIDE_NAMES, Debrief, build_debrief, policy_word
from game.session import Game

MIN_GAMES, MAX_GAMES = 2, 16  # a workshop's tables; the server hosts more, chosen
DIVERGENT_TURNS_SHOWN = 6
ALLOCATION_GAP = 0.02  # budget shares closer than this are the same decision
TRAINING_GAP = 0.05


class IncomparableGames(ValueError):
    """The games cannot be compared meaningfully (the message says why)."""


@dataclass(frozen=True)
class TurnDifference:
    turn: int
    date: str
    lines: list[str]  # "US export controls: 3 (table 1) vs 2 (table 2)"


@dataclass(frozen=True)
class Divergence:
    label: str
    reference: str
    first_world_turn: int | None  # first turn whose state differs
    first_world_date: str | None
    differing_turns: int  # turns whose orders or facilitator actions differ
    compared_turns: int
    shown: list[TurnDifference]


@dataclass
class Comparison:
    labels: list[str]
    debriefs: list[Debrief]
    notes: list[str]  # caveats a reader must know (different scenarios, seeds, lengths)
    divergences: list[Divergence]

    @property
    def dates(self) -> list[str]:
        return max((d.dates for d in self.debriefs), key=len)


def build_comparison(games: Sequence[Game], labels: Sequence[str] | None = None) -> Comparison:
    if not MIN_GAMES <= len(games) <= MAX_GAMES:
        raise IncomparableGames(f"a comparison takes {MIN_GAMES} to {MAX_GAMES} games, not "
                                f"{len(games)} (for one game, make a debrief)")
    labels = list(labels) if labels is not None else [f"game {k + 1}"
                                                      for k in range(len(games))]
    if len(labels) != len(games):
        raise ValueError("one label per game")
    labels = _unique(labels)
    notes = comparable(games, labels)
    debriefs = [build_debrief(g) for g in games]
    divergences = [divergence(games[0], labels[0], g, label)
                   for g, label in zip(games[1:], labels[1:], strict=True)]
    return Comparison(labels, debriefs, notes, divergences)


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def comparable(games: Sequence[Game], labels: Sequence[str]) -> list[str]:
    """Refuse games whose quarters do not line up; otherwise the caveats to print."""
    for g, label in zip(games, labels, strict=True):
        if not g.history:
            raise IncomparableGames(f"{label}: no turn has been played, nothing to compare")
    starts = {g.scenario.clock.start for g in games}
    if len(starts) > 1:
        which = ", ".join(f"{label} starts in {g.scenario.clock.start}"
                          for g, label in zip(games, labels, strict=True))
        raise IncomparableGames(
            f"cannot compare games that start in different quarters ({which}): a comparison "
            "sets the games side by side quarter by quarter, so they must share a start "
            "(games of different scenarios with the same start are fine)")
    notes = []
    names = {g.scenario.name for g in games}
    if len(names) > 1:
        notes.append("These games play different scenarios ("
                     + ", ".join(f"{label}: {g.scenario.name}"
                                 for g, label in zip(games, labels, strict=True))
                     + "): differences come from the scenarios as well as the decisions.")
    elif any(g.scenario != games[0].scenario for g in games[1:]):
        notes.append(f"The games play versions of {games[0].scenario.name} whose content "
                     "differs (parameters, deck or opening): differences come from the "
                     "scenario versions as well as the decisions.")
    seeds = {g.seed for g in games}
    if len(seeds) > 1:
        notes.append("The games have different seeds, so chance (events, estimates) differs "
                     "between them from the first quarter.")
    lengths = {g.turn for g in games}
    if len(lengths) > 1:
        notes.append("The games ran for different numbers of quarters ("
                     + ", ".join(f"{label}: {g.turn}"
                                 for g, label in zip(games, labels, strict=True)) + ").")
    return notes


def order_differences(side: str, a: Orders, b: Orders, label_a: str, label_b: str
                      ) -> list[str]:
    lines = []
    who = SIDE_NAMES[side]
    for name in POLICIES[side]:
        va, vb = float(getattr(a.policies, name)), float(getattr(b.policies, name))
        if abs(va - vb) > 1e-9:
            word_a = policy_word(name, va, bracketed=False)
            word_b = policy_word(name, vb, bracketed=False)
            lines.append(f"{who} {POLICY_LABELS[name]}: {word_a} ({label_a}) "
                         f"vs {word_b} ({label_b})")
    for name, va, vb in zip(ALLOCATION, a.allocation.as_list(), b.allocation.as_list(),
                            strict=True):
        if abs(va - vb) >= ALLOCATION_GAP:
            lines.append(f"{who} budget on {name}: {va:.0%} ({label_a}) vs {vb:.0%} ({label_b})")
    if abs(a.training_share - b.training_share) >= TRAINING_GAP:
        lines.append(f"{who} training share: {a.training_share:.0%} ({label_a}) vs "
                     f"{b.training_share:.0%} ({label_b})")
    return lines


def divergence(ref: Game, ref_label: str, game: Game, label: str) -> Divergence:
    turns = min(ref.turn, game.turn)
    shown: list[TurnDifference] = []
    differing = 0
    first_world: int | None = None
    for t in range(turns):
        ra, rb = ref.history[t], game.history[t]
        if first_world is None and ra.digest != rb.digest:
            first_world = t
        lines: list[str] = []
        for side in SIDES:
            lines += order_differences(side, ra.orders[side], rb.orders[side], ref_label, label)
        ia = {ref.rules.deck.ids[k] for k in ra.injects if k < ref.rules.deck.size}
        ib = {game.rules.deck.ids[k] for k in rb.injects if k < game.rules.deck.size}
        for event in sorted(ia - ib):
            lines.append(f"inject {event} in {ref_label} only")
        for event in sorted(ib - ia):
            lines.append(f"inject {event} in {label} only")
        if ra.actions != rb.actions:
            lines.append(f"facilitator actions differ ({len(ra.actions)} in {ref_label}, "
                         f"{len(rb.actions)} in {label})")
        if lines:
            differing += 1
            if len(shown) < DIVERGENT_TURNS_SHOWN:
                shown.append(TurnDifference(t, game.date_of(t), lines))
    return Divergence(label, ref_label, first_world,
                      None if first_world is None else game.date_of(first_world),
                      differing, turns, shown)

"""What a debrief says about one game, as plain data; html.py and markdown.py render it.

Every figure comes from the game's own history: the METRICS after each turn, the TurnLog's
contributions and fired events, the orders both sides gave, the views each side saw
(`build_view`, the same function the UI shows) and the facilitator's journal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.engine.log import EXPLAINED_FIGURES
from game.engine.metrics import METRICS
from game.engine.orders import ALLOCATION, POLICIES
from game.engine.rules import SCORE_TERMS, Rules, VictoryRules
from game.engine.score import game_points
from game.engine.state import WorldState
from game.engine.types import SIDES
from game.model.compile import rules_for
from game.model.facilitator import (
    CustomEvent,
    JournalEntry,
    ParamOverride,
    ScheduledInject,
    facilitated_rules,
)
from game.model.levels import level_phrase, level_text
from game.model.views import SideView, build_view
from game.present.numbers import number, signed
from game.session import Game

SIDE_NAMES = {"us": "US bloc", "china": "China"}

# The sections of a debrief, in order: anchor, heading. The HTML and Markdown variants
# both render exactly these.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("scenario", "Scenario and teams"),
    ("result", "Result and why"),
    ("charts", "Charts over time"),
    ("timeline", "Decisions and what followed"),
    ("swings", "What moved the figures"),
    ("beliefs", "What each side believed vs the truth"),
    ("notes", "Facilitator notes"),
    ("questions", "Discussion questions"),
)

# The charts of a debrief, in order: metric, title. Tension is drawn from the state.
CHARTS: tuple[tuple[str, str], ...] = (
    ("compute", "Compute in service"),
    ("inventory", "Stranded compute (bought, waiting for power or space)"),
    ("power_gw", "Connected power for data centers"),
    ("capability", "Capability: best effective training run so far"),
    ("algo_efficiency", "Algorithmic efficiency"),
    ("market_share", "Share of world inference revenue"),
    ("price", "Price per million tokens at fixed capability"),
    ("tension", "US-China tension"),
)
CHART_UNITS = {"market_share": "%", "tension": "0-100"}
LOG_CHARTS = {"compute", "algo_efficiency", "price"}

POLICY_LABELS: dict[str, str] = {
    "export_controls": "export controls", "equipment_controls": "equipment controls",
    "domestic_build_pct": "domestic-build rule", "enforcement": "anti-smuggling enforcement",
    "open_weights": "open weights", "localization_pct": "localization mandate",
    "mineral_controls": "mineral controls", "smuggling": "smuggling effort",
    "price_subsidy": "price subsidy",
}
FIGURE_METRIC = {"algo_eff": "algo_efficiency"}  # TurnLog figure -> METRICS name
# Short names for figures in sentences and tables (METRICS holds the long descriptions).
SHORT_LABELS: dict[str, str] = {
    "compute": "compute in service", "inventory": "stranded compute",
    "chips_produced": "chips produced", "chips_imported": "chips imported",
    "chips_smuggled": "chips smuggled", "power_gw": "connected power",
    "dc_gw": "data-center capacity", "power_used_gw": "power drawn",
    "algo_efficiency": "algorithmic efficiency", "hw_efficiency": "hardware price-performance",
    "capability": "capability", "budget": "budget", "revenue": "inference revenue",
    "market_share": "market share", "tokens": "tokens served", "price": "price per M tokens",
    "score": "score", "tension": "tension",
}
SCORE_TERM_LABELS = {"capability": "capability lead", "compute_share": "share of compute",
                     "market_share": "inference market share", "economy": "economy (budget)",
                     "stability": "stability (low tension)"}
# A reallocation worth a line in the timeline: this many points of budget moved since the
# split last reported; a training-share change of this much.
BIG_REALLOCATION = 0.08
BIG_TRAINING_CHANGE = 0.10
STRANDED_SHARE = 0.10  # inventory above this share of compute in service counts as stranded
SWINGS_SHOWN = 8


# --- the pieces ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    winner: str | None
    scores: dict[str, float]
    crisis: bool
    blamed: str | None  # the side blamed for a crisis
    sudden_death: str | None  # the rule's text, when one ended the game
    ended: str  # the last quarter played
    turns_played: int
    turns: int
    # points each score term adds to a side's score (they sum to score - 50 in open play)
    term_points: dict[str, dict[str, float]]
    why: list[str]


@dataclass(frozen=True)
class TimelineRow:
    turn: int
    date: str
    decisions: dict[str, list[str]]  # side -> lines
    followed: list[str]  # events, injects and facilitator actions at the end of the turn


@dataclass(frozen=True)
class Swing:
    turn: int
    date: str
    side: str | None  # None for tension (shared)
    figure: str  # METRICS name, or "tension"
    label: str
    unit: str
    before: float
    after: float
    causes: list[tuple[str, float]]  # largest first

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Belief:
    name: str
    label: str
    unit: str
    believed: float
    low: float
    high: float
    confidence: str
    true: float

    @property
    def inside(self) -> bool:
        return self.low - 1e-12 <= self.true <= self.high + 1e-12

    def cells(self) -> tuple[str, str, str, str, str, str, bool]:
        """Figure, believed, range shown, confidence, true, error, and whether the truth
        fell outside the range the side was shown."""
        exact = self.confidence == "exact"
        shown = "exact (public)" if exact else f"{number(self.low)} to {number(self.high)}"
        if self.name == "capability":
            error = signed(self.believed - self.true)
        elif self.true > 0:
            error = signed(100 * (self.believed / self.true - 1), "%")
        else:
            error = "n/a"
        return (self.label, number(self.believed, self.unit), shown, self.confidence,
                number(self.true, self.unit), error, not exact and not self.inside)

    @property
    def error(self) -> float:
        """Comparable size of the misjudgement: log ratio, or the log10 gap for capability."""
        if self.name == "capability":
            return self.believed - self.true
        if self.true <= 0 or self.believed <= 0:
            return 0.0
        return math.log(self.believed / self.true)


@dataclass(frozen=True)
class Misjudgement:
    side: str
    turn: int
    date: str
    belief: Belief


@dataclass(frozen=True)
class BeliefTrack:
    """What `side` believed of the other's compute over time, against the truth."""

    side: str
    believed: list[float]
    low: list[float]
    high: list[float]
    true: list[float]


@dataclass
class Debrief:
    title: str
    scenario: str
    description: str
    seed: int
    players: dict[str, str]
    start: str
    undone: int
    outcome: Outcome
    dates: list[str]  # x positions: "start", then each quarter played
    series: dict[str, dict[str, list[float]]]  # metric -> side -> values (tension: "both")
    crisis_threshold: float
    timeline: list[TimelineRow]
    swings: list[Swing]
    beliefs: dict[str, list[Belief]]  # the end-of-game reveal, per side
    misjudgements: dict[str, Misjudgement]
    belief_tracks: dict[str, BeliefTrack]
    intel_share: dict[str, float]  # average share of budget spent on intelligence
    journal: list[JournalEntry]
    questions: list[str] = field(default_factory=list)


# --- building it ---------------------------------------------------------------------


def build_debrief(game: Game) -> Debrief:
    from game.report.questions import questions

    if not game.history:
        raise ValueError("the game has no turns played yet: nothing to debrief")
    dates = ["start"] + [game.date_of(r.turn) for r in game.history]
    d = Debrief(
        title=game.scenario.title,
        scenario=game.scenario.name,
        description=game.scenario.description,
        seed=game.seed,
        players={side: str(game.players[side]) for side in SIDES},
        start=game.scenario.clock.start,
        undone=game.undone,
        outcome=outcome(game),
        dates=dates,
        series=series(game),
        crisis_threshold=float(game.rules.params.crisis_threshold[0]),
        timeline=timeline(game),
        swings=swings(game),
        beliefs={},
        misjudgements={},
        belief_tracks={},
        intel_share=intel_share(game),
        journal=list(game.journal),
    )
    views = side_views(game)
    for side in SIDES:
        d.beliefs[side] = beliefs_of(views[side][-1], game.figures())
        d.misjudgements[side] = worst_misjudgement(game, side, views[side])
        d.belief_tracks[side] = belief_track(game, side, views[side])
    d.questions = questions(game, d)
    return d


def series(game: Game) -> dict[str, dict[str, list[float]]]:
    """metric -> side -> [opening, after turn 1, ...]; tension under "both"."""
    frames = [game.figures(-1)] + [game.figures(r.turn) for r in game.history]
    out: dict[str, dict[str, list[float]]] = {}
    for name in METRICS:
        scale = 100.0 if name == "market_share" else 1.0
        out[name] = {side: [f[side][name] * scale for f in frames] for side in SIDES}
    out["tension"] = {"both": [float(game.opening.tension[0])]
                      + [float(r.state.tension[0]) for r in game.history]}
    return out


def outcome(game: Game) -> Outcome:
    state = game.state
    points = game_points(state, game.turn - 1)[0]  # (2, 5) over the whole game
    term_points = {side: {term: float(points[i, k]) for k, term in enumerate(SCORE_TERMS)}
                   for i, side in enumerate(SIDES)}
    crisis_turn = next((r for r in game.history
                        if r.log.crisis is not None and bool(r.log.crisis[0])), None)
    blamed = None
    if crisis_turn is not None:
        who = int(crisis_turn.state.last_escalator[0])
        blamed = SIDES[who] if who >= 0 else "us"
    sudden = None
    if game.over and crisis_turn is None and game.turn < game.turns:
        sudden = _sudden_death_text(game)
    winner = game.winner()
    scores = game.scores
    why: list[str] = []
    if crisis_turn is not None:
        assert blamed is not None
        why.append(f"Tension reached the crisis threshold in {game.date_of(crisis_turn.turn)}; "
                   f"the crisis is blamed on the side that escalated last, "
                   f"{SIDE_NAMES[blamed]}, whose score drops to 0.")
    elif sudden is not None:
        why.append(f"A sudden-death condition ended the game: {sudden}")
    else:
        for side in SIDES:
            terms = sorted(term_points[side].items(), key=lambda kv: kv[1])
            best, worst = terms[-1], terms[0]
            parts = [f"{SIDE_NAMES[side]} scored {scores[side]:.1f}"]
            if best[1] > 0.05:
                parts.append(f"gaining most on {SCORE_TERM_LABELS[best[0]]} "
                             f"({best[1]:+.1f} points)")
            if worst[1] < -0.05:
                parts.append(f"losing most on {SCORE_TERM_LABELS[worst[0]]} "
                             f"({worst[1]:+.1f})")
            why.append(", ".join(parts) + ".")
        margin = game.rules.victory.draw_margin
        if winner is None:
            why.append(f"The scores ended within the draw margin of {margin:g} points.")
        else:
            gap = abs(scores["us"] - scores["china"])
            why.append(f"{SIDE_NAMES[winner]} wins by {gap:.1f} points (draw margin "
                       f"{margin:g}). {scoring_rule(game.rules.victory)}")
    return Outcome(winner, scores, crisis_turn is not None, blamed, sudden,
                   game.date_of(game.turn - 1), game.turn, game.turns, term_points, why)


def scoring_rule(victory: VictoryRules) -> str:
    """How the score is measured, in words (par when the scenario has one)."""
    if getattr(victory, "par", None) is not None:
        return ("Both sides start at 50 and score by how far each goal beats par: what the "
                "default bots reach by the same quarter.")
    return "Both sides start at 50 and score by what they gain against the opening position."


def _sudden_death_text(game: Game) -> str:
    state = game.state
    for rule in game.scenario.victory.sudden_death:
        i = SIDES.index(rule.side)
        value = float(getattr(state, rule.metric)[0, i])
        if rule.lead:
            value -= float(getattr(state, rule.metric)[0, 1 - i])
        hit = value >= rule.at_least if rule.at_least is not None else (
            rule.at_most is not None and value <= rule.at_most)
        if hit:
            what = rule.text or (f"{SIDE_NAMES[rule.side]}'s {rule.metric}"
                                 f"{' lead' if rule.lead else ''} crossed its threshold")
            return f"{what} ({SIDE_NAMES[rule.winner]} wins)."
    return "the game ended early."


# --- decisions ------------------------------------------------------------------------


def policy_word(name: str, value: float, *, bracketed: bool = True) -> str:
    """A policy's setting in words: `on`, `40%`, or the level with the name the players saw
    on screen, `2 (2023 rules)` in a sentence or `2 2023 rules` where brackets follow."""
    if name == "open_weights":
        return "on" if value >= 0.5 else "off"
    if name.endswith("_pct"):
        return f"{value:.0f}%"
    return level_phrase(name, value) if bracketed else level_text(name, value)


def timeline(game: Game) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    deck_ids, deck_titles = game.rules.deck.ids, game.rules.deck.titles
    reported_alloc: dict[str, list[float] | None] = {side: None for side in SIDES}
    reported_training: dict[str, float] = {}
    previous_policy = {side: [float(v) for v in game.opening.policy[0, i]]
                       for i, side in enumerate(SIDES)}
    journal_by_turn: dict[int, list[JournalEntry]] = {}
    for entry in game.journal:
        if entry.kind in ("note", "pause", "reveal", "undo"):
            journal_by_turn.setdefault(entry.turn, []).append(entry)
    for rec in game.history:
        decisions: dict[str, list[str]] = {}
        for i, side in enumerate(SIDES):
            lines: list[str] = []
            orders = rec.orders[side]
            policy = [float(getattr(orders.policies, n)) for n in POLICIES[side]]
            for name, old, new in zip(POLICIES[side], previous_policy[side], policy,
                                      strict=True):
                if abs(new - old) > 1e-9:
                    lines.append(f"{POLICY_LABELS[name]} {policy_word(name, old)} → "
                                 f"{policy_word(name, new)}")
            in_force = [float(v) for v in rec.state.policy[0, i]]
            for name, wanted, held in zip(POLICIES[side], policy, in_force, strict=True):
                if abs(wanted - held) > 1e-9:
                    lines.append(f"{POLICY_LABELS[name]} held at {policy_word(name, held)} "
                                 "by an event")
            previous_policy[side] = policy
            alloc = orders.allocation.as_list()
            last = reported_alloc[side]
            if last is None:
                lines.append("budget split: " + split_text(alloc))
                reported_alloc[side] = alloc
            elif max(abs(a - b) for a, b in zip(alloc, last, strict=True)) >= BIG_REALLOCATION:
                lines.append("budget moved: " + moved_text(last, alloc))
                reported_alloc[side] = alloc
            if side not in reported_training:
                reported_training[side] = orders.training_share
            elif abs(orders.training_share - reported_training[side]) >= BIG_TRAINING_CHANGE:
                lines.append(f"training share {reported_training[side]:.0%} → "
                             f"{orders.training_share:.0%}")
                reported_training[side] = orders.training_share
            if lines:
                decisions[side] = lines
        followed = facilitator_lines(rec.actions)
        fired = rec.log.events_fired
        if fired is not None:
            for k in range(fired.shape[1]):
                if fired[0, k]:
                    source = inject_source(game, rec.turn, k)
                    tag = {"facilitator": " (injected)", "scenario": " (scripted)"}.get(
                        source or "", "")
                    followed.append(f"event: {deck_titles[k]}{tag}")
        for k in rec.injects:  # an inject that did not show as fired (the game had ended)
            if fired is None or not fired[0, k]:
                followed.append(f"inject: {deck_titles[k]} [{deck_ids[k]}]")
        followed += [f"{e.kind} ({e.at[11:16]} UTC): {e.text}"
                     for e in journal_by_turn.get(rec.turn, [])]
        if decisions or followed:
            rows.append(TimelineRow(rec.turn, game.date_of(rec.turn), decisions, followed))
    return rows


def inject_source(game: Game, turn: int, k: int) -> str | None:
    """Who forced card `k` at the end of `turn`: "facilitator" (now or scheduled earlier),
    "scenario" (its scripted injects), or None (drawn by chance)."""
    deck_id = game.rules.deck.ids[k]
    scheduled = any(isinstance(a, ScheduledInject) and a.turn == turn and a.event == deck_id
                    for rec in game.history[:turn + 1] for a in rec.actions)
    if k in game.history[turn].injects or scheduled:
        return "facilitator"
    if k in rules_for(game.scenario).injects.get(turn, ()):
        return "scenario"
    return None


def facilitator_lines(actions: tuple[object, ...]) -> list[str]:
    lines = []
    for a in actions:
        if isinstance(a, ParamOverride | CustomEvent | ScheduledInject):
            lines.append(f"facilitator: {a.describe()}")
    return lines


def split_text(alloc: list[float]) -> str:
    return ", ".join(f"{name} {share:.0%}" for name, share in zip(ALLOCATION, alloc,
                                                                  strict=True))


def moved_text(old: list[float], new: list[float]) -> str:
    changes = sorted(((b - a, name, a, b) for name, a, b in zip(ALLOCATION, old, new,
                                                                strict=True)),
                     key=lambda c: -abs(c[0]))
    return ", ".join(f"{name} {a:.0%} → {b:.0%}" for delta, name, a, b in changes
                     if abs(delta) >= 0.02)


# --- swings ---------------------------------------------------------------------------


def swings(game: Game, shown: int = SWINGS_SHOWN) -> list[Swing]:
    """The largest turn-on-turn moves of the explained figures, with the TurnLog's causes."""
    found: list[tuple[float, Swing]] = []
    previous = game.opening
    for rec in game.history:
        for figure in EXPLAINED_FIGURES:
            causes = rec.log.contributions.get(figure)
            if not causes:
                continue
            before_all = getattr(previous, figure)[0]
            after_all = getattr(rec.state, figure)[0]
            sides: list[tuple[str | None, int | None]] = (
                [(None, None)] if figure == "tension" else list(zip(SIDES, (0, 1),
                                                                    strict=True)))
            for side, i in sides:
                before = float(before_all if i is None else before_all[i])
                after = float(after_all if i is None else after_all[i])
                parts = [(cause, float(v[0] if i is None else v[0, i]))
                         for cause, v in causes.items()]
                parts = sorted((p for p in parts if abs(p[1]) > 1e-12),
                               key=lambda p: -abs(p[1]))
                change = after - before
                size = abs(change) / _swing_scale(figure, before, previous, i)
                if not parts or size < 1e-6:
                    continue
                name = "tension" if figure == "tension" else FIGURE_METRIC.get(figure, figure)
                unit = "points" if name == "tension" else METRICS[name][0]
                label = SHORT_LABELS[name]
                found.append((size, Swing(rec.turn, game.date_of(rec.turn), side, name,
                                          label, unit, before, after, parts)))
        previous = rec.state
    found.sort(key=lambda fs: -fs[0])
    chosen: list[Swing] = []
    per_figure: dict[tuple[str | None, str], int] = {}
    for _, swing in found:
        key = (swing.side, swing.figure)
        if per_figure.get(key, 0) >= 2:  # variety: no more than two per side and figure
            continue
        per_figure[key] = per_figure.get(key, 0) + 1
        chosen.append(swing)
        if len(chosen) >= shown:
            break
    return sorted(chosen, key=lambda s: (s.turn, s.side or "", s.figure))


def _swing_scale(figure: str, before: float, state: WorldState, side: int | None) -> float:
    """What a change of `figure` is measured against: tension against 20 points, stranded
    chips against the fleet in service (a small stock emptying is no swing), the rest
    against their own level."""
    if figure == "tension":
        return 20.0
    if figure == "inventory" and side is not None:
        return max(float(state.compute[0, side]), 1e-9)
    return max(abs(before), 1e-9)


# --- beliefs --------------------------------------------------------------------------


def rules_at(game: Game, turn: int) -> Rules:
    """The rules in force when `turn` resolved (facilitator actions up to it)."""
    actions = [a for rec in game.history[:turn + 1] for a in rec.actions]
    return facilitated_rules(game.scenario, rules_for(game.scenario), actions)


def side_views(game: Game) -> dict[str, list[SideView]]:
    """Each side's view at the opening and after every turn: what its screen showed."""
    base = rules_for(game.scenario)
    out: dict[str, list[SideView]] = {}
    for side in SIDES:
        views = [build_view(game.scenario, base, game.opening, None, 0, side)]
        for rec in game.history:
            views.append(build_view(game.scenario, rules_at(game, rec.turn), rec.state,
                                    rec.log, rec.turn + 1, side))
        out[side] = views
    return out


def beliefs_of(view: SideView, truth: dict[str, dict[str, float]]) -> list[Belief]:
    other = SIDES[1 - SIDES.index(view.side)]
    return [Belief(name, SHORT_LABELS[name], e.unit, e.value, e.low, e.high, e.confidence,
                   truth[other][name]) for name, e in view.other.items()]


def worst_misjudgement(game: Game, side: str, views: list[SideView]) -> Misjudgement:
    frames = [game.figures(-1)] + [game.figures(r.turn) for r in game.history]
    worst: Misjudgement | None = None
    for k, (view, truth) in enumerate(zip(views, frames, strict=True)):
        for b in beliefs_of(view, truth):
            if b.confidence == "exact":
                continue
            if worst is None or abs(b.error) > abs(worst.belief.error):
                date = "the start" if k == 0 else game.date_of(k - 1)
                worst = Misjudgement(side, k - 1, date, b)
    assert worst is not None
    return worst


def belief_track(game: Game, side: str, views: list[SideView]) -> BeliefTrack:
    other = SIDES[1 - SIDES.index(side)]
    frames = [game.figures(-1)] + [game.figures(r.turn) for r in game.history]
    est = [v.other["compute"] for v in views]
    return BeliefTrack(side, [e.value for e in est], [e.low for e in est],
                       [e.high for e in est], [f[other]["compute"] for f in frames])


def intel_share(game: Game) -> dict[str, float]:
    return {side: sum(r.orders[side].allocation.intel for r in game.history)
            / len(game.history) for side in SIDES}

"""What a debrief says about one game, as plain data; html.py and markdown.py render it.

Every figure and fact comes from the game's own history: each turn's `TurnSummary`
(figures, causes, events with their source, score terms, crisis and blame, the
sudden-death rule), the orders both sides gave, the views each side saw (`Game.view_at`,
the same views the UI shows) and the facilitator's journal. No outcome rule is worked out
here: the engine decided it and the summary states it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.engine.metrics import METRICS
from game.engine.types import SIDES
from game.model.facilitator import JournalEntry
from game.present.figures import figure
from game.present.outcome import (
    crisis_sentence,
    result_sentences,
    rule_text,
    sudden_death_sentence,
)
from game.present.words import POLICY_VOCABULARY, SIDE_NAME, TERM_LABELS, setting_text
from game.present.world import crises_met, drawn_world
from game.report.beliefs import (
    Belief,
    BeliefTrack,
    Misjudgement,
    belief_track,
    beliefs_of,
    intel_share,
    side_views,
    worst_misjudgement,
)
from game.report.swings import Swing, swings
from game.report.timeline import TimelineRow, timeline
from game.session import Game

# The vocabulary under the names the report modules and their tests use.
SIDE_NAMES = SIDE_NAME
POLICY_LABELS: dict[str, str] = {p.name: p.words for side in SIDES
                                 for p in POLICY_VOCABULARY[side]}
SCORE_TERM_LABELS = TERM_LABELS
policy_word = setting_text

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
    # No token count in the title: the unit beside it is quoted per a million tokens or per
    # a larger count once prices fall below a cent (game.present.numbers), and says which.
    ("price", "Token price at fixed capability"),
    ("tension", "US-China tension"),
)
LOG_CHARTS = {"compute", "algo_efficiency", "price"}
# Above the per-game draws (present/world.py), in both renderings.
WORLD_HEADING = "The world this game drew (factors on the scenario's values):"


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
    world: list[str] = field(default_factory=list)  # the factors this game drew
    crises: list[str] = field(default_factory=list)  # each crisis that broke out, graded


def played_by(game: Game, side: str) -> str:
    """Who played `side`, from who gave its orders each quarter: "bot:hawk", or, when
    that changed (a deadline's default bot, a seat taken over), "human (20 quarters),
    bot:balanced (4 quarters)"."""
    own = str(game.players[side])
    counts = Counter(r.players.get(side, own) for r in game.history) or Counter([own])
    if len(counts) == 1:
        return next(iter(counts))
    return ", ".join(f"{player} ({n} quarter{'s' if n != 1 else ''})"
                     for player, n in counts.most_common())


def build_debrief(game: Game) -> Debrief:
    from game.report.questions import questions

    if not game.history:
        raise ValueError("the game has no turns played yet: nothing to debrief")
    dates = ["start"] + [game.date_of(r.turn) for r in game.history]
    views = side_views(game)
    d = Debrief(
        title=game.scenario.title,
        scenario=game.scenario.name,
        description=game.scenario.description,
        seed=game.seed,
        players={side: played_by(game, side) for side in SIDES},
        start=game.scenario.clock.start,
        undone=game.undone,
        outcome=outcome(game),
        dates=dates,
        series=series(game),
        crisis_threshold=float(game.rules.params.crisis_threshold[0]),
        timeline=timeline(game),
        swings=swings(game),
        beliefs={side: beliefs_of(views[side][-1], game.figures()) for side in SIDES},
        misjudgements={side: worst_misjudgement(game, side, views[side]) for side in SIDES},
        belief_tracks={side: belief_track(game, side, views[side]) for side in SIDES},
        intel_share=intel_share(game),
        journal=list(game.journal),
        world=drawn_world(game),
        crises=crises_met(game),
    )
    d.questions = questions(game, d)
    return d


def series(game: Game) -> dict[str, dict[str, list[float]]]:
    """metric -> side -> [opening, after turn 1, ...] in the units shown (market share in
    %); tension under "both"."""
    summaries = [game.summary(k) for k in range(game.turn)]
    out: dict[str, dict[str, list[float]]] = {}
    for name in METRICS:
        scale = figure(name).scale
        out[name] = {side: [summaries[0].sides[side].before[name] * scale]
                     + [s.sides[side].after[name] * scale for s in summaries]
                     for side in SIDES}
    out["tension"] = {"both": [summaries[0].tension_before]
                      + [s.tension_after for s in summaries]}
    return out


def outcome(game: Game) -> Outcome:
    """The result and why, from the last turn's summary (and the turn of a crisis)."""
    last = game.summary(game.turn - 1)
    result = last.outcome
    term_points = {side: {t.name: t.game_points for t in last.sides[side].terms} for side in SIDES}
    crisis = next((game.summary(k) for k in range(game.turn)
                   if game.summary(k).outcome.crisis), None)
    sudden = None
    if result.sudden_death is not None:
        rule = game.scenario.victory.sudden_death[result.sudden_death]
        sudden = sudden_death_sentence(rule_text(rule.text, rule.side, rule.metric, rule.lead),
                                       rule.winner)
    scores = dict(result.scores)
    victory = game.rules.victory
    if crisis is not None:
        blamed = crisis.outcome.blamed
        assert blamed is not None  # the engine blames a side for every crisis
        why = [crisis_sentence(crisis.date, blamed)]
    elif sudden is not None:
        why = [sudden]
    else:
        why = result_sentences(result.winner, scores, term_points, victory.draw_margin)
        if result.winner is not None:
            why.append(scoring_rule(victory.par is not None))
    return Outcome(result.winner, scores, crisis is not None,
                   crisis.outcome.blamed if crisis else None, sudden, last.date, game.turn,
                   game.turns, term_points, why)


def scoring_rule(has_par: bool) -> str:
    """How the score is measured, in words (par when the scenario has one)."""
    if has_par:
        return ("Both sides start at 50 and score, quarter by quarter, by how far each goal "
                "beats par: what the default bots reach by the same quarter; the score is the "
                "mean of the quarters, later ones weighing more.")
    return "Both sides start at 50 and score by what they gain against the opening position."


__all__ = ["CHARTS", "LOG_CHARTS", "WORLD_HEADING", "POLICY_LABELS", "SCORE_TERM_LABELS", "SECTIONS",
           "SIDE_NAMES", "Belief", "BeliefTrack", "Debrief", "Misjudgement", "Outcome",
           "Swing", "TimelineRow", "build_debrief", "outcome", "policy_word", "scoring_rule",
           "series", "side_views"]

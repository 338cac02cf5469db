"""The golden playthrough: a plain-text account of a bot game, turn by turn, so that any
rule change shows up as a reviewed diff (tests/golden/, written by
scripts/write_golden.py)."""

from __future__ import annotations

from game.engine.log import EXPLAINED_FIGURES
from game.engine.metrics import METRIC_NAMES
from game.engine.types import SIDES
from game.session import Game


def _num(x: float) -> str:
    return f"{x:.6g}"


def playthrough(game: Game) -> str:
    lines = [f"# {game.scenario.name} seed {game.seed}: "
             f"{game.players['us']} vs {game.players['china']}"]
    deck = game.rules.deck
    for rec in game.history:
        lines.append("")
        lines.append(f"== turn {rec.turn + 1} {game.date_of(rec.turn)} "
                     f"tension {_num(float(rec.state.tension[0]))}")
        for side in SIDES:
            o = rec.orders[side]
            alloc = " ".join(f"{k}={v:.3f}" for k, v in o.allocation.model_dump().items())
            pol = " ".join(f"{k}={v}" for k, v in o.policies.model_dump().items())
            lines.append(f"{side} orders: {alloc} training={o.training_share:.3f} {pol}")
        figures = game.figures(rec.turn)
        for side in SIDES:
            lines.append(f"{side}: " + " ".join(f"{n}={_num(figures[side][n])}"
                                                for n in METRIC_NAMES))
        for figure in EXPLAINED_FIGURES:
            causes = rec.log.contributions.get(figure, {})
            parts = []
            for cause, value in causes.items():
                flat = value[0] if value.ndim == 1 else value[0]
                parts.append(f"{cause}=" + "/".join(_num(float(v)) for v in flat.ravel()))
            lines.append(f"  {figure}: " + " ".join(parts))
        fired = rec.log.events_fired
        if fired is not None and fired[0].any():
            lines.append("  events: " + ", ".join(deck.ids[k] for k in range(deck.size)
                                                  if fired[0, k]))
        lines.append(f"  digest {rec.digest}")
    return "\n".join(lines) + "\n"

"""Help: the mechanics in plain words, the keys, and a glossary of units. The numbers in
"This scenario's key numbers" come from the parameters of the game being played."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from game.engine.params import Params
from game.present.numbers import percent
from game.present.risk import crisis_risk
from game.session import Game
from game.tui.score import SCORE_MEANING
from game.tui.widgets.footer import GameFooter

MECHANICS = """\
# How Compute Race works

Each turn is one quarter. Both sides give orders; the engine resolves the quarter in
thirteen phases and reports what changed and why. You see your own figures exactly and
the other side's as **estimates with a range**: intelligence spending narrows it.

## Your orders

- **Budget allocation**: the quarter's budget split over *chips* (buy accelerators),
  *fabs* (chip factories, slow to build), *data centers* and *power* (the space and
  electricity chips need to run), *research* (algorithmic efficiency) and *intel*
  (better estimates of the other side). The shares always add up to 100%.
- **Training share**: compute spent training models raises capability; the rest serves
  inference, which earns revenue and market share.
- **Policies**: each has levels; raising one costs tension at once, lowering one takes
  half of that back, and policies in force hold tension up.

## The mechanics

- **Export controls** (US, 0-4) cap the share of US-bloc chips China may buy legally and
  how good they are; level 4 also closes cloud rental. **Equipment controls** (0-3) hold
  down China's fab yield, raise its fab costs and slow its chip progress. China can answer
  with **smuggling** (against US **enforcement**, and a case may be exposed, raising
  tension) and **mineral controls** (gallium, germanium, rare earths) that cut US-bloc chip
  output at a cost to China's budget.
- **Domestic-build rule** (US) and **localization mandate** (China): a share of new
  capacity must be built at home or use domestic chips. Dearer now, safer if Taiwan is cut
  off; for China, volume also teaches its fabs (yield learning).
- **Power and data centers**: chips go into service only where data-center space *and*
  connected power allow. The rest wait in inventory: **stranded compute**. Power takes
  longer to connect than chips take to buy, so order it early.
- **Money is a flow**: chip money clears against the chips a side can reach; scarcity
  raises the price, and money that finds no chips is **unspent**, mostly lost (a share goes
  to efficiency research, a little is kept). Next quarter's budget is income: the base,
  part of inference revenue and, for the US bloc, part of **chip-export revenue** (chips
  sold to China and the world: export controls cost it), not a hoard.
- **Research**: algorithmic efficiency grows with research spending, with diminishing
  returns. A side with less compute gains faster while it trails the efficiency frontier
  (**catch-up**, never past it), and open weights let the other side close part of the
  gap after a lag.
- **Markets**: three of them: the US bloc's, China's and the rest of the world's. Buyers
  choose by capability and price, with a **home bias** for home models in the two home
  markets; the rest of the world is open to both. Cheaper tokens raise spending until
  demand saturates; a side serves no more than its inference capacity.
- **Tension** (0-100) rises with escalation and relaxes toward the level the policies in
  force sustain. Above the **crisis onset** each quarter carries a chance of crisis that
  rises with tension (the meter shows it): mostly an incident at sea, a sanctions spiral or
  a blockade, cards with lasting effects; open conflict, likelier the higher tension runs,
  ends the game. **Blame** weighs each side's recent escalations and standing policies:
  stability, and a conflict's cost, count against the side that drove tension up.
- **The world is drawn**: each game draws demand elasticity, the catch-up bonus,
  diffusion, China's yields and a blockade's severity and length from sourced ranges;
  the debrief shows the draws.
- **Score**: {score} The dashboard shows each goal's
  weight and points; g shows their values against par and the score over the quarters.
- **Events**: the scenario's deck fires news events (a major one also as a dialog).
"""

MECHANICS = MECHANICS.replace("{score}", SCORE_MEANING)

KEYS = """\
## Keys

| where | key | action |
|---|---|---|
| everywhere | ctrl+p | command palette: End turn, Save game, Load game, Undo turn, Help, Export debrief, Facilitator console, Quit |
| everywhere | F1 | this help |
| everywhere | ctrl+s / ctrl+o | save / load a game |
| everywhere | ctrl+d | export the debrief |
| everywhere | ctrl+f | facilitator console (only in `play --facilitator` games) |
| console | F2 / F3 / F4 | the Deck card, Override and Custom card tabs |
| everywhere | ctrl+t | change the colour theme |
| everywhere | ctrl+q | quit |
| dashboard | o | orders |
| dashboard | e | end turn (resolve the quarter) |
| dashboard | u | undo the last turn (asks first: y undoes, n or Esc keeps it) |
| dashboard | r / m / b | last turn's report / change chart (the last one is the score) / briefing |
| dashboard | g | the score: each goal's value against par, weight and points; the score chart |
| watching | a / + / - | auto-advance on or off / faster / slower |
| orders | ↑ ↓ | pick a row |
| orders | ← → | move a share 5 points or change a level |
| orders | digits, Enter | type a value and set it; Esc cancels typing |
| orders | Space | a share you set is kept (◆) while you set others, which rebalance the rows not yet set; Space frees or keeps the picked row |
| orders | Tab | switch between the allocation and the policies |
| orders | r / s / e / Esc | reset to last turn / bot's suggestion / end turn / done |
| end | n / q | new game / quit |

The mouse works too: click a row to pick it, its ◀ ▶ to change it, and any button.

## Glossary of units

- **H100e**: one Nvidia H100's worth of AI compute; figures are in **M H100e**, millions.
- **GW**: gigawatts of data-center capacity or connected power (1 GW runs roughly half a
  million to a million H100e, depending on the chips' efficiency).
- **$B**: billions of US dollars per quarter.
- **Capability**: log10 of the FLOP of the best effective training run so far (26 = 10²⁶).
- **Algorithmic / hardware efficiency**: multiples of the start (×1.00).
- **Price**: dollars per million tokens at a fixed capability level.
- **Tension**: 0 (calm) to 100; above the crisis onset each quarter risks a crisis.
"""


def _value(param: np.ndarray, side: int) -> float:
    return float(np.ravel(np.asarray(param)[..., side])[0])


def key_numbers(game: Game) -> str:
    p: Params = game.rules.params
    peak = crisis_risk(p, 0.0).threshold
    risk = crisis_risk(p, peak)  # the engine's hazard where it peaks
    rows = [
        ("Crisis risk starts (tension)", f"{risk.onset:g}", ""),
        (f"Chance of crisis a quarter at tension {risk.threshold:g}",
         percent(risk.chance, 0), ""),
        ("Power per H100e at the start", f"{_value(p.kw_per_h100e, 0):.2f} kW", ""),
        ("Data centers: quarters to build", f"{_value(p.dc_lead, 0):g}",
         f"{_value(p.dc_lead, 1):g}"),
        ("Power: quarters to connect", f"{_value(p.power_lead, 0):g}",
         f"{_value(p.power_lead, 1):g}"),
        ("Fabs: quarters to output", f"{_value(p.fab_lead, 0):g}", f"{_value(p.fab_lead, 1):g}"),
        ("Data-center cost ($B per GW)", f"{_value(p.dc_cost, 0):g}",
         f"{_value(p.dc_cost, 1):g}"),
        ("Power cost ($B per GW)", f"{_value(p.power_cost, 0):g}",
         f"{_value(p.power_cost, 1):g}"),
        ("Chip cost at the start ($B per M H100e)", f"{_value(p.chip_cost, 0):g}",
         f"{_value(p.chip_cost, 1):g}"),
    ]
    lines = [f"## This scenario's key numbers ({game.scenario.name})", "",
             "| | US bloc | China |", "|---|---|---|"]
    for label, us, china in rows:
        lines.append(f"| {label} | {us} | {china or us} |")
    return "\n".join(lines) + "\n"


class HelpScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", "Close"), Binding("q", "close", "Close", show=False)]

    def __init__(self, game: Game | None) -> None:
        super().__init__()
        self.text = MECHANICS + "\n" + (key_numbers(game) + "\n" if game else "") + KEYS

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(self.text)
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)

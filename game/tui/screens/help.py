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
- **Research**: algorithmic efficiency grows with research spending, with diminishing
  returns. A compute-starved side gets more per research dollar (constraint-driven
  innovation), and open-weight releases let the side behind close part of the gap.
- **Market**: the price of inference falls with better hardware and efficiency; cheaper
  tokens raise total spending (demand elasticity above 1). Buyers choose by capability,
  price and serving capacity. Open weights and price subsidies cut margins.
- **Tension** (0-100) rises with escalation and relaxes toward the level the policies in
  force sustain. At the crisis threshold the game ends at once and the side that escalated
  last loses.
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
- **Tension**: 0 (calm) to 100; the crisis threshold is below 100.
"""


def _value(param: np.ndarray, side: int) -> float:
    return float(np.ravel(np.asarray(param)[..., side])[0])


def key_numbers(game: Game) -> str:
    p: Params = game.rules.params
    rows = [
        ("Crisis threshold (tension)", f"{_value(p.crisis_threshold, 0):g}", ""),
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

"""The vocabulary of figures: every METRICS key (and tension) with its label, short
label, unit, display scale and format. The dashboard, the turn report, the debrief, the
comparison and the CLI tables all name and format a figure from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.metrics import METRICS
from game.present.numbers import number, price_scale, price_unit, signed

# How a figure's value is shown:
#   amount  a quantity in its unit (3 significant digits, words from a million)
#   level   a value read to two decimals (capability in log10 FLOP, ratios)
#   share   a share 0-1 shown as percent
#   price   $ per million tokens, quoted per a larger token count when below a cent
#   index   a 0-100 index shown to one decimal (tension, score)
Kind = Literal["amount", "level", "share", "price", "index"]


@dataclass(frozen=True)
class Figure:
    key: str  # the METRICS key (or "tension")
    label: str  # in a sentence or a report table: "Compute in service"
    panel: str  # on the dashboard: "Compute in service", "Algorithmic eff."
    short: str  # in a narrow column: "Compute"
    unit: str  # as on screen: "M H100e", "%", "$B/q"
    kind: Kind = "amount"
    state_field: str | None = None  # the WorldState array it reads (None: a flow)

    @property
    def scale(self) -> float:
        """Multiply the model's value by this to get the number shown."""
        return 100.0 if self.kind == "share" else 1.0

    @property
    def words(self) -> str:
        """The label inside a sentence."""
        return self.label[0].lower() + self.label[1:]

    def unit_for(self, value: float) -> str:
        """The unit a value is shown in (a price picks its token count)."""
        if self.kind == "price":
            return price_unit(price_scale(value)[1])
        return self.unit

    def number(self, value: float, like: float | None = None) -> str:
        """The value as a number in `unit_for(like or value)`, without the unit."""
        if self.kind == "price":
            multiplier, _ = price_scale(value if like is None else like)
            return number(value * multiplier)
        if self.kind == "share":
            return f"{value * 100:.1f}".replace("-", "−")
        if self.kind == "level":
            return f"{value:.2f}".replace("-", "−")
        if self.kind == "index":
            return f"{value:.1f}".replace("-", "−")
        return number(value)

    def text(self, value: float) -> str:
        """The value with its unit: `6.9%`, `1.23 M H100e`, `4.76 $/T tok`."""
        unit = self.unit_for(value)
        shown = self.number(value)
        return f"{shown}{unit}" if unit in ("%", "×") else f"{shown} {unit}"

    def change(self, delta: float | None, like: float | None = None) -> str:
        """A change over a turn in the same scale as the value it belongs to (`like`)."""
        if delta is None:
            return ""
        return signed(delta, text=self.number(delta, like=like if like is not None
                                              else delta))


def _f(key: str, label: str, unit: str, kind: Kind = "amount", *, panel: str = "",
       short: str = "", state: str | None = None) -> Figure:
    return Figure(key, label, panel or label, short or label, unit, kind, state)


FIGURES: dict[str, Figure] = {f.key: f for f in (
    _f("compute", "Compute in service", "M H100e", short="Compute", state="compute"),
    _f("inventory", "Stranded compute", "M H100e", short="Stranded", state="inventory"),
    _f("chips_produced", "Chips produced", "M H100e", short="Produced"),
    _f("chips_imported", "Chips imported", "M H100e", short="Imported"),
    _f("chips_smuggled", "Chips smuggled", "M H100e", short="Smuggled"),
    _f("power_gw", "Connected power", "GW", panel="Power", short="Power",
       state="power_gw"),
    _f("dc_gw", "Data-center capacity", "GW", panel="Data centers", short="DCs",
       state="dc_gw"),
    _f("power_used_gw", "Power drawn", "GW", short="Drawn", state="power_used_gw"),
    _f("algo_efficiency", "Algorithmic efficiency", "×", panel="Algorithmic eff.",
       short="Algo eff.", state="algo_eff"),
    _f("hw_efficiency", "Hardware price-performance", "×", panel="Hardware eff.",
       short="HW eff.", state="hw_eff"),
    _f("capability", "Capability", "log10 FLOP", "level", state="capability"),
    _f("budget", "Budget", "$B/q", state="budget"),
    _f("revenue", "Inference revenue", "$B/q", panel="Revenue", short="Revenue",
       state="revenue"),
    _f("market_share", "Market share", "%", "share", short="Market", state="market_share"),
    _f("tokens", "Tokens served", "quadrillion tokens", short="Tokens", state="tokens"),
    _f("price", "Price", "$/M tok", "price", state="price"),
    _f("score", "Score", "points", "index", state="score"),
    _f("blame", "Blame for tension", "%", "share", short="Blame", state="blame"),
    _f("chip_export_revenue", "Chip export revenue", "$B/q", short="Chip exports"),
    _f("unspent", "Unspent budget", "$B/q", short="Unspent"),
    _f("token_share", "Token share", "%", "share", short="Tokens %"),
    _f("home_share", "Home-market share", "%", "share", short="Home %"),
    _f("frontier_price", "Frontier price", "$/M tok", "price", short="Frontier $"),
    _f("income", "Income", "$B/q", short="Income"),
    _f("world_share", "Rest-of-world share", "%", "share", short="World %"),
    _f("tension", "Tension", "0-100", "index", state="tension"),
)}

# The TurnLog's names for the figures it explains, where they differ from METRICS.
LOG_FIGURES: dict[str, str] = {"algo_eff": "algo_efficiency"}


def figure(key: str) -> Figure:
    """The figure for a METRICS key (or a TurnLog figure name). A key the vocabulary does
    not know yet is described from METRICS, so a new metric never breaks a screen."""
    key = LOG_FIGURES.get(key, key)
    if key in FIGURES:
        return FIGURES[key]
    unit, description = METRICS.get(key, ("", key.replace("_", " ")))
    kind: Kind = "share" if unit.startswith("0-1") or unit == "share" else "amount"
    return Figure(key, description[0].upper() + description[1:], key.replace("_", " "),
                  key.replace("_", " "), "%" if kind == "share" else unit, kind)

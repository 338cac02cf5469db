"""What each lever is documented to do: the one table `compute-race balance` checks.

A lever is a policy (orders.POLICIES), a budget share (`allocation.NAME`, orders.ALLOCATION)
or the training share. Each entry says, for RAISING the lever, which figure should move and
which way: export controls up, China's legal imports down. The briefings promise these
effects; the balance audit forces the lever on top of the default bot and reports any
documented effect that does not show, or shows with the wrong sign. Keep this table next to
the model: a rule change that moves a lever's effect changes its line here, in the same
commit, or the audit says so.

A figure the model does not produce yet (a metric another version adds) is reported as not
checked, never as a failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.orders import ALLOCATION, POLICIES

UP, DOWN = 1, -1
TRAINING_SHARE = "training_share"


def allocation_lever(name: str) -> str:
    """The lever name of a budget share: `allocation.chips`."""
    return f"allocation.{name}"


@dataclass(frozen=True)
class Effect:
    """Raising the lever moves `figure` in direction `sign`. `figure` is `SIDE.METRIC`
    (a METRICS name: `china.chips_imported`), `tension`, or `own.METRIC` / `other.METRIC`
    for the side that pulls the lever / the other side."""

    figure: str
    sign: int

    def resolved(self, side: str) -> str:
        """The figure with `own`/`other` replaced by the side's name."""
        whose, _, metric = self.figure.partition(".")
        if whose == "own":
            return f"{side}.{metric}"
        if whose == "other":
            return f"{'china' if side == 'us' else 'us'}.{metric}"
        return self.figure


def up(figure: str) -> Effect:
    return Effect(figure, UP)


def down(figure: str) -> Effect:
    return Effect(figure, DOWN)


# (side, lever) -> documented effects of raising it. Policies first, in orders.POLICIES
# order; then the budget shares and the training share, the same for both sides.
POLICY_EFFECTS: dict[tuple[str, str], tuple[Effect, ...]] = {
    ("us", "export_controls"): (down("china.chips_imported"), down("china.compute"),
                                up("tension"), down("us.chip_export_revenue")),
    ("us", "equipment_controls"): (down("china.chips_produced"), up("tension")),
    ("us", "domestic_build_pct"): (down("us.compute"), up("tension")),
    ("us", "enforcement"): (down("china.chips_smuggled"), up("tension")),
    ("us", "open_weights"): (up("china.algo_efficiency"), down("tension")),
    ("china", "localization_pct"): (down("china.chips_imported"), up("tension")),
    ("china", "mineral_controls"): (down("us.chips_produced"), up("tension")),
    ("china", "smuggling"): (up("china.chips_smuggled"), up("tension")),
    ("china", "open_weights"): (up("us.algo_efficiency"), down("tension")),
    # A price war buys tokens and the contested rest-of-world market at a cost in revenue
    # per token (issue 12's spec): the revenue share need not rise, so it is not promised.
    ("china", "price_subsidy"): (up("china.token_share"), up("china.world_share"),
                                 up("tension")),
}
SHARE_EFFECTS: dict[str, tuple[Effect, ...]] = {
    "chips": (up("own.compute"),),
    "fabs": (up("own.chips_produced"),),
    "datacenters": (up("own.dc_gw"),),
    "power": (up("own.power_gw"),),
    "research": (up("own.algo_efficiency"),),
    "intel": (),  # narrows the spread of estimates: no headline figure shows it
}
# Revenue is not documented: it peaks at an interior training share (capability sells,
# inference capacity serves), near 0.5 for the US bloc and 0.65 for China in the baseline,
# so raising the share can move it either way.
TRAINING_EFFECTS: tuple[Effect, ...] = (up("own.capability"),)


def documented_effects(side: str, lever: str) -> tuple[Effect, ...]:
    """The documented effects of raising `lever` for `side` (empty: nothing to check)."""
    if lever == TRAINING_SHARE:
        return TRAINING_EFFECTS
    kind, _, name = lever.partition(".")
    if kind == "allocation":
        return SHARE_EFFECTS[name]
    return POLICY_EFFECTS[(side, lever)]


def every_lever(side: str) -> tuple[str, ...]:
    """The side's levers in the order the audit lists them."""
    return (*POLICIES[side], *(allocation_lever(n) for n in ALLOCATION), TRAINING_SHARE)


# Every lever has a line: a new policy or budget share without one is a mistake here.
assert set(POLICY_EFFECTS) == {(s, p) for s, names in POLICIES.items() for p in names}
assert set(SHARE_EFFECTS) == set(ALLOCATION)

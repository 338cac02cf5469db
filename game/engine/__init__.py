"""The simulation engine: pure, array-valued functions with a leading batch axis.

Knows nothing of files, the command line or the UI.
"""

from game.engine.log import TurnLog
from game.engine.metrics import METRIC_NAMES, METRICS, metrics
from game.engine.orders import ALLOCATION, POLICIES, POLICY_MAX, SideOrders
from game.engine.params import PARAM_NAMES, PARAM_SPECS, Params
from game.engine.rules import EventDeck, Rules, VictoryRules
from game.engine.setup import initial_state
from game.engine.state import WorldState, digest
from game.engine.step import step
from game.engine.types import SIDES

__all__ = [
    "ALLOCATION", "METRICS", "METRIC_NAMES", "PARAM_NAMES", "PARAM_SPECS", "POLICIES",
    "POLICY_MAX", "SIDES", "EventDeck", "Params", "Rules", "SideOrders", "TurnLog",
    "VictoryRules", "WorldState", "digest", "initial_state", "metrics", "step",
]

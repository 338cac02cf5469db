"""Widgets: editors convert to and from the pydantic orders (`to_model()`), displays take
plain rows from `game.tui.present`."""

from game.tui.widgets.advisor import AdvisorPanel
from game.tui.widgets.allocation import AllocationEditor
from game.tui.widgets.chart import TrendChart
from game.tui.widgets.figures import EstimatesPanel, FiguresPanel
from game.tui.widgets.news import NewsFeed
from game.tui.widgets.policies import PolicyEditor
from game.tui.widgets.tension import TensionMeter

__all__ = ["AdvisorPanel", "AllocationEditor", "EstimatesPanel", "FiguresPanel", "NewsFeed",
           "PolicyEditor", "TensionMeter", "TrendChart"]

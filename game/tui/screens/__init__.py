"""The app's screens, one per module."""

from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.end import EndScreen
from game.tui.screens.handover import HandoverScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.report import ReportScreen
from game.tui.screens.title import TitleScreen

__all__ = ["BriefingScreen", "DashboardScreen", "EndScreen", "HandoverScreen", "HelpScreen",
           "OrdersScreen", "ReportScreen", "TitleScreen"]

"""The news feed: events as they fired, newest first; major ones marked ★."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.tui.present import NewsItem


class NewsFeed(Static):
    def show(self, items: list[NewsItem], limit: int = 12) -> None:
        text = Text()
        text.append("News\n", style="bold")
        if not items:
            text.append("No events yet.", style="dim")
        for item in items[:limit]:
            text.append(f"{item.date} ", style="dim")
            if item.major:
                text.append("★ ", style="bold")
            text.append(item.title + "\n")
        self.update(text)

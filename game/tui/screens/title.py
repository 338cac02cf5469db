"""Title / new game: resume the last unfinished game; scenario, side, opponent and seed;
load a saved game; replay a record; quit."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from game import records
from game.bots.players import DEFAULT_PLAYER
from game.model.errors import InputError
from game.model.loader import SCENARIO_DIR, load_scenario, shipped_names
from game.tui import hooks
from game.tui.dialogs.path import PathDialog
from game.tui.messages import GameChosen
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.replay_problem import ProblemDialog
from game.tui.setup import SIDE_CHOICES, NewGame, humans_of, opponents
from game.tui.widgets.footer import GameFooter


def _quick_title(name: str) -> str:
    """A shipped scenario's title without validating the whole file (the first screen must
    come up fast); the chosen scenario is validated in full when described and started."""
    try:
        data = tomllib.loads((SCENARIO_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return name
    title = data.get("title")
    return f"{title}" if isinstance(title, str) else name


class TitleScreen(Screen[None]):
    DEFAULT_CSS = "#title-resume { height: auto; align-horizontal: center; }"
    BINDINGS = [
        Binding("ctrl+n", "start", "Start game"),
        Binding("ctrl+o", "app.load_game", "Load game"),
        Binding("ctrl+r", "replay", "Replay a record"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, seed: int, scenario: str | None = None) -> None:
        super().__init__()
        self.seed = seed
        names = shipped_names()
        # Titles are the scenario's words, shown as they are (never read as markup).
        self.scenarios = [(Content(_quick_title(n)), n) for n in names]
        self.initial = scenario if scenario in names else (
            "baseline-2025" if "baseline-2025" in names else names[0])
        # The newest autosave of an unfinished game: offered first, so none is lost.
        self.resume = hooks.resumable()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="title-scroll"):
            yield Static("COMPUTE RACE", id="game-title")
            yield Static("Chips, power, efficiency and the market for AI, 2025-2030: "
                         "steer the US bloc or China, one quarter a turn.", id="tagline")
            if self.resume is not None:
                with Horizontal(id="title-resume"):
                    yield Button(Content(f"Resume {self.resume.summary}"), id="resume",
                                 variant="success")
            with Horizontal(id="title-body"):
                with Vertical(id="choices"):
                    yield Label("Scenario")
                    yield Select(self.scenarios, value=self.initial, allow_blank=False,
                                 id="scenario")
                    yield Label("Your side")
                    yield Select([(label, side) for side, label in SIDE_CHOICES.items()],
                                 value="us", allow_blank=False, id="side")
                    yield Label("Opponent (plays every side nobody takes)")
                    yield Select(opponents(), value=DEFAULT_PLAYER, allow_blank=False,
                                 id="opponent")
                    yield Label("Seed (random; note it to replay this game)")
                    yield Input(str(self.seed), id="seed", restrict=r"[0-9]*", max_length=19)
                    yield Static("", id="seed-problem")
                yield Static("", id="scenario-about")
            with Horizontal(id="title-buttons"):
                yield Button("Start game", id="start", variant="primary")
                yield Button("Load saved game", id="load", action="app.load_game")
                yield Button("Replay a record", id="replay")
                yield Button("Quit", id="quit", variant="error", action="app.quit")
        yield GameFooter()

    def on_mount(self) -> None:
        self._describe(self.initial)
        # Focus the first choice without scrolling to it: at 80x24 the Start button is below
        # the fold, and scrolling there hid the title and the Scenario field.
        self.query_one("#resume" if self.resume else "#start", Button).focus(
            scroll_visible=False)

    @on(Select.Changed, "#scenario")
    def _scenario_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._describe(event.value)

    def _describe(self, name: str) -> None:
        try:
            s = load_scenario(name)
        except InputError as exc:
            self.query_one("#scenario-about", Static).update(
                Text("✗ this scenario does not load:\n" + "\n".join(exc.problems)))
            return
        self.query_one("#scenario-about", Static).update(Text.assemble(
            (s.title, "bold"), "\n", (f"{s.clock.start}, {s.clock.turns} quarterly turns", "dim"),
            "\n\n", s.description))

    def choice(self) -> NewGame | None:
        """The player's choices, or None (with the problem shown) if the seed is bad."""
        problem = self.query_one("#seed-problem", Static)
        text = self.query_one("#seed", Input).value.strip()
        if not text.isdigit() or int(text) >= 2**63:
            problem.update("✗ the seed is a whole number from 0 to 2^63-1")
            return None
        problem.update("")
        side = str(self.query_one("#side", Select).value)
        scenario = self.query_one("#scenario", Select).value
        opponent = self.query_one("#opponent", Select).value
        return NewGame(scenario=str(scenario), side=side, opponent=str(opponent),
                       seed=int(text))

    def action_start(self) -> None:
        choice = self.choice()
        if choice is None:
            return
        from game.tui.setup import start

        try:
            game, humans = start(choice)
        except InputError as exc:
            self.notify("\n".join(exc.problems), title="Cannot start", severity="error",
                        markup=False)
            return
        self.post_message(GameChosen(game, humans))

    @on(Input.Submitted, "#seed")
    def _seed_entered(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#resume")
    def _resume_pressed(self) -> None:
        if self.resume is None:
            return
        try:
            game = hooks.load(self.resume.path)
        except InputError as exc:
            self.app.push_screen(ProblemDialog("Cannot resume this game", exc.problems))
            return
        self.post_message(GameChosen(game, humans_of(game)))

    @on(Button.Pressed, "#replay")
    def action_replay(self) -> None:
        self.app.push_screen(PathDialog("Replay the record in", "", "Open",
                                        browse=records.autosave_dir()),
                             callback=self.open_replay)

    def open_replay(self, path: str | None) -> None:
        """Open the viewer on the record at `path`, or say why it cannot be replayed."""
        if path is None:
            return
        try:
            replayed = hooks.open_replay(Path(path))
        except InputError as exc:
            self.app.push_screen(ProblemDialog("Cannot replay this file", exc.problems))
            return
        self.app.push_screen(ReplayScreen(replayed))

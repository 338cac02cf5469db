"""Training share and the side's policies: each level with its effect and tension cost."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from game.engine.params import Params
from game.model.orders import POLICY_MODELS, ChinaPolicies, USPolicies
from game.tui.policy_text import PolicySpec, effect, specs, tension_jump, tension_per_step
from game.tui.widgets.row_editor import RowEditor

LABEL_WIDTH = 21
WORD_WIDTH = 14
TRAINING_STEP = 0.05


class PolicyEditor(RowEditor):
    """Row 0: the training share; then one row per policy, with a second line saying what
    the chosen level does in the model."""

    DEFAULT_CSS = "PolicyEditor { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }"
    ROW_HEIGHT = 2
    LEFT_ARROW = (LABEL_WIDTH + 2, LABEL_WIDTH + 3)
    RIGHT_ARROW = (LABEL_WIDTH + WORD_WIDTH + 5, LABEL_WIDTH + WORD_WIDTH + 6)

    class Changed(Message):
        def __init__(self, editor: PolicyEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, side: str, policies: USPolicies | ChinaPolicies, training_share: float,
                 in_force: dict[str, float], params: Params, *, id: str | None = None,
                 disabled: bool = False):
        super().__init__(id=id, disabled=disabled)
        self.side = side
        self.specs: list[PolicySpec] = specs(side)
        self.values: dict[str, float] = {s.name: float(getattr(policies, s.name))
                                         for s in self.specs}
        self.training_share = training_share
        self.in_force = in_force
        self.params = params

    def set_from(self, policies: USPolicies | ChinaPolicies, training_share: float) -> None:
        self.values = {s.name: float(getattr(policies, s.name)) for s in self.specs}
        self.training_share = training_share
        self.problem = ""
        self.refresh()
        self.post_message(self.Changed(self))

    def to_model(self) -> USPolicies | ChinaPolicies:
        data: dict[str, float | int | bool] = {}
        for spec in self.specs:
            value = self.values[spec.name]
            data[spec.name] = (value >= 0.5 if spec.kind == "bool" else
                               int(round(value)) if spec.kind == "level" else value)
        return POLICY_MODELS[self.side](**data)

    def tension_now(self) -> float:
        """Tension the ordered policy changes add at once (before relaxation)."""
        return sum(tension_jump(s, self.in_force[s.name], self.values[s.name], self.params)
                   for s in self.specs)

    # --- rows -----------------------------------------------------------------------------
    def row_count(self) -> int:
        return 1 + len(self.specs)

    def _head(self, text: Text, label: str, word: str, selected: bool) -> None:
        text.append("▸ " if selected else "  ", style="bold")
        text.append(f"{label:<{LABEL_WIDTH}}", style="bold" if selected else "")
        text.append("◀ ")
        text.append(f"{word:^{WORD_WIDTH}}", style="bold reverse" if selected else "bold")
        text.append(" ▶ ")

    def row_text(self, index: int, selected: bool) -> Text:
        text = Text()
        if index == 0:
            share = self.training_share
            self._head(text, "Training share", f"{share:.0%}", selected)
            text.append("\n")
            text.append(f"    {1 - share:.0%} of compute serves inference (revenue)",
                        style="dim")
            return text
        spec = self.specs[index - 1]
        value = self.values[spec.name]
        self._head(text, spec.label, spec.level_word(value), selected)
        text.append(f"{tension_per_step(spec, self.params):+.1f}/{'10pts' if spec.kind == 'percent' else 'lvl'}",
                    style="dim")
        text.append("\n")
        text.append(f"    {effect(spec, value, self.params)}", style="dim")
        return text

    def detail(self) -> str:
        """The selected row in full, for the panel under the editor (it wraps there)."""
        if self.selected == 0:
            share = self.training_share
            return (f"Training share {share:.0%}: {share:.0%} of compute trains models "
                    f"(capability), {1 - share:.0%} serves inference (revenue, market share).")
        spec = self.specs[self.selected - 1]
        value = self.values[spec.name]
        jump = tension_jump(spec, self.in_force[spec.name], value, self.params)
        unit = "10 points" if spec.kind == "percent" else "level"
        return (f"{spec.label}: {spec.level_word(value)}. {effect(spec, value, self.params)}."
                f"\nTension {tension_per_step(spec, self.params):+.1f} per {unit} raised "
                f"(half back when lowered); this change {jump:+.1f}; all your changes "
                f"{self.tension_now():+.1f}.")

    def watch_selected(self) -> None:
        self.post_message(self.Changed(self))

    def hint(self) -> str:
        return "←/→ change · type a number + Enter"

    def step_row(self, index: int, direction: int) -> None:
        if index == 0:
            self.training_share = min(1.0, max(0.0, round(
                self.training_share + direction * TRAINING_STEP, 4)))
        else:
            spec = self.specs[index - 1]
            value = self.values[spec.name] + direction * spec.step
            self.values[spec.name] = min(spec.maximum, max(0.0, value))
        self.post_message(self.Changed(self))

    def set_row(self, index: int, number: float) -> str | None:
        if index == 0:
            if not 0 <= number <= 100:
                return f"{number:g}: the training share is a percentage from 0 to 100"
            self.training_share = number / 100
        else:
            spec = self.specs[index - 1]
            if spec.kind == "percent" and not 0 <= number <= 100:
                return f"{number:g}: {spec.label} is a percentage from 0 to 100"
            if spec.kind == "bool" and number not in (0, 1):
                return f"{number:g}: {spec.label} is 0 (no) or 1 (yes)"
            if spec.kind == "level" and (number != int(number)
                                         or not 0 <= number <= spec.maximum):
                return f"{number:g}: {spec.label} is a level from 0 to {spec.maximum:g}"
            self.values[spec.name] = float(number)
        self.post_message(self.Changed(self))
        return None

"""Par is scenario data: shipped tables fit their scenarios, other scenarios' par is
computed once and cached on disk, and a record's digests never depend on bot code."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game import ENGINE_VERSION, Game
from game.analysis import par as par_module
from game.bots.balanced import Balanced
from game.engine.orders import SideOrders
from game.model.compile import rules_for
from game.model.loader import load_scenario, scenario_hash, shipped_names
from game.model.record import FORMAT_VERSION, Record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def no_par_in_memory(monkeypatch):
    """Forget the par this process has seen, so the next game must find it again."""
    monkeypatch.setattr(par_module, "_PAR", {})


@pytest.fixture
def bots_never_run(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("par was recomputed from the bots")
    monkeypatch.setattr(par_module, "par_terms", refuse)


@pytest.mark.parametrize("name", shipped_names())
def test_each_shipped_scenario_has_par_that_fits_it(name):
    scenario = load_scenario(name)
    if rules_for(scenario).victory.par is not None:
        return  # the scenario writes its par itself
    path = par_module.shipped_par_path(scenario)
    assert path.is_file(), f"{path.name} missing: run python scripts/write_par.py"
    par = par_module.read_par(path, scenario)
    assert par is not None, (f"{path.name} no longer fits {name} (scenario hash "
                             f"{scenario_hash(scenario)[:12]}…, engine {ENGINE_VERSION}): "
                             "run python scripts/write_par.py")
    assert par.shape == (scenario.clock.turns, 2, 5)


def test_a_shipped_scenario_never_runs_the_bots_for_par(baseline, no_par_in_memory,
                                                        bots_never_run):
    game = Game.new(baseline, seed=1)
    assert game.par is not None and game.par.shape == (baseline.clock.turns, 2, 5)


def test_an_edited_scenario_gets_par_once_then_from_the_disk_cache(baseline, monkeypatch,
                                                                   tmp_path):
    monkeypatch.setenv(par_module.CACHE_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(par_module, "_PAR", {})
    edited = baseline.model_copy(update={"title": "Baseline, edited"})
    first = par_module.par_for(edited)
    cached = par_module.cache_path(edited)
    assert cached.is_file() and cached.parent.parent == tmp_path
    assert scenario_hash(edited)[:32] in cached.name and f"engine{ENGINE_VERSION}" in cached.name

    monkeypatch.setattr(par_module, "_PAR", {})
    monkeypatch.setattr(par_module, "par_terms",
                        lambda *_a, **_k: pytest.fail("par recomputed despite the cache"))
    np.testing.assert_array_equal(par_module.par_for(edited), first)


def test_a_cache_for_another_engine_version_is_not_used(baseline, monkeypatch, tmp_path):
    monkeypatch.setenv(par_module.CACHE_DIR_ENV, str(tmp_path))
    edited = baseline.model_copy(update={"title": "Baseline, edited again"})
    path = par_module.cache_path(edited)
    path.parent.mkdir(parents=True)
    text = par_module.par_document(edited, np.zeros((edited.clock.turns, 2, 5)))
    path.write_text(text.replace(f'"engine_version": "{ENGINE_VERSION}"',
                                 '"engine_version": "0"'))
    assert par_module.read_par(path, edited) is None
    path.write_text(text)
    assert par_module.read_par(path, edited) is not None


def test_a_cache_that_cannot_be_written_costs_only_time(baseline, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(par_module.CACHE_DIR_ENV, str(blocker))
    monkeypatch.setattr(par_module, "_PAR", {})
    edited = baseline.model_copy(update={"title": "Baseline, no cache"})
    assert par_module.par_for(edited).shape == (edited.clock.turns, 2, 5)


def _scripted_game(baseline) -> Game:
    game = Game.new(baseline, seed=11, us=f"script:{EXAMPLES / 'orders-us.toml'}",
                    china=f"script:{EXAMPLES / 'orders-china.json'}")
    game.play_out(turns=6)
    return game


def _wild_bot(monkeypatch):
    """A default bot that plays nothing like the one par was computed from."""
    def orders(self, obs):
        out = original(self, obs)
        all_research = np.zeros_like(out.allocation)
        all_research[:, 4] = 1.0
        return SideOrders(all_research, np.full_like(out.training_share, 0.95), out.policy)
    original = Balanced.policy
    monkeypatch.setattr(Balanced, "policy", orders)


def test_a_record_verifies_whatever_the_bots_do(baseline, monkeypatch, tmp_path):
    """The issue's test: a game between two orders files has the same digests after any
    bot change, because the record carries the par it was scored with."""
    game = _scripted_game(baseline)
    path = game.save(tmp_path / "game.json")
    digests = game.digests()

    _wild_bot(monkeypatch)
    monkeypatch.setattr(par_module, "_PAR", {})  # nothing remembered ...
    monkeypatch.setattr(par_module, "SHIPPED_PAR_DIR", tmp_path / "none")  # ... or shipped
    monkeypatch.setenv(par_module.CACHE_DIR_ENV, str(tmp_path / "cache"))  # ... or cached
    assert Game.load(path).digests() == digests

    # The check has teeth: a record without par is rescored by the patched bots.
    data = Record.model_validate_json(path.read_text()).model_dump(mode="json")
    data["par"] = None
    rescored = Game.from_record(Record.model_validate(data))
    assert rescored.digests() != digests


def test_a_version_1_record_still_loads(baseline, tmp_path):
    game = _scripted_game(baseline)
    data = game.to_record().model_dump(mode="json")
    del data["par"]
    data["format_version"] = 1
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(data))
    loaded = Game.load(path)
    assert loaded.digests() == game.digests()
    assert loaded.to_record().format_version == FORMAT_VERSION


def test_a_record_with_a_malformed_par_is_refused(baseline, tmp_path):
    from game.model.errors import InputError

    game = _scripted_game(baseline)
    data = game.to_record().model_dump(mode="json")
    data["par"] = data["par"][:3]
    path = tmp_path / "bad.json"
    # Sealed as the game would write it, so the par itself is what is refused.
    path.write_text(Record.model_validate(data).sealed().model_dump_json())
    with pytest.raises(InputError, match="par: expected 24 turns"):
        Game.load(path)

"""Resources (issue 15): `--workers` is capped at a small multiple of the cores, and a
sweep whose estimated memory will not fit is refused with the figures, before any game
or process starts."""

from __future__ import annotations

import pytest

from game.analysis import resources
from game.analysis.sweep import CHUNK_GAMES
from game.cli import main


@pytest.mark.parametrize("command", [["sweep", "tutorial", "--runs", "10"],
                                     ["balance", "tutorial", "--quick"]])
def test_workers_over_the_cap_are_refused_naming_it(capsys, command):
    cap = resources.max_workers()
    with pytest.raises(SystemExit) as stop:
        main([*command, "--workers", str(cap + 1)])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "Traceback" not in err
    assert f"--workers: over the limit of {cap} (4 per core, {resources.cores()} cores" in err


def test_a_sweep_that_will_not_fit_is_refused_with_the_figures(capsys, monkeypatch):
    monkeypatch.setattr(resources, "available_bytes", lambda: 2**30)  # 1 GiB free
    code = main(["sweep", "tutorial", "--runs", "5000000", "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    need = resources.sweep_bytes(5_000_000, 2, CHUNK_GAMES) / 2**30
    assert need > 1  # the figure printed is the estimate's
    assert f"--runs 5,000,000 on 2 worker(s): needs about {need:.1f} GiB" in err
    assert "1.0 GiB is available" in err


def test_the_estimate_grows_with_runs_workers_and_settings():
    base = resources.sweep_bytes(10_000, 2, 2500)
    assert resources.sweep_bytes(20_000, 2, 2500) > base
    assert resources.sweep_bytes(10_000, 4, 2500) > base
    assert resources.sweep_bytes(10_000, 2, 2500, settings=3) > base
    # a default-sized sweep fits on any machine the game supports (1 GiB)
    resources.check_sweep_fits(10_000, 2, 2500, available=2**30)
    with pytest.raises(Exception, match="needs about"):
        resources.check_sweep_fits(10_000, 64, 2500, available=2**30)

"""The output rules (issue 15): every file the game writes goes through one writer that
never replaces a non-regular file, never overwrites a file the game did not write without
--force, keeps the file's mode, refuses read-only targets, fails with exit 2 naming the
path, and cleans up the temp files a killed save left behind."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.files import clean_temps, temp_name, write_file
from game.files.marks import MARKDOWN_MARK, document_mark
from game.model.errors import InputError
from game.records import autosave
from game.records.autosave import DATA_DIR_ENV, autosave_dir
from game.session import Game

RUN = ["run", "tutorial", "--turns", "2", "--format", "json"]


def refused(capsys, argv: list[str], path: Path | str, reason: str) -> str:
    """Run the CLI, expecting exit 2 with `path` and `reason` in the message and no
    traceback."""
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert str(path) in err and reason in err, err
    assert "Traceback" not in err and "internal error" not in err
    return err


@pytest.fixture(scope="module")
def record_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("rec") / "game.json"
    assert main([*RUN, "--record", str(path)]) == 0
    return path.read_bytes()


def test_dev_null_as_record_is_refused_and_stays_a_device(capsys):
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    refused(capsys, [*RUN, "--record", "/dev/null"], "/dev/null", "a character device")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_symlink_to_a_device_and_a_directory_are_refused(tmp_path, capsys):
    link = tmp_path / "save.json"
    link.symlink_to("/dev/null")
    refused(capsys, [*RUN, "--record", str(link)], link, "a character device")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    folder = tmp_path / "folder.md"
    folder.mkdir()
    page = tmp_path / "page.html"
    page.mkdir()
    refused(capsys, ["report", "--briefing", "tutorial", "-o", str(page)], page, "a directory")
    refused(capsys, [*RUN, "--record", str(folder)], folder, "a directory")
    assert folder.is_dir() and not list(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_as_record_target_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "game", *RUN, "--record", str(fifo)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and str(fifo) in done.stderr and "FIFO" in done.stderr
    assert "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_file_the_game_did_not_write_is_kept_unless_forced(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("my private notes\n")
    notes.chmod(0o600)
    game_json = tmp_path / "g.json"
    assert main([*RUN, "--record", str(game_json)]) == 0
    capsys.readouterr()
    refused(capsys, ["report", str(game_json), "-o", str(notes)], notes,
            "not a report the game wrote")
    assert notes.read_text() == "my private notes\n"
    assert main(["report", str(game_json), "-o", str(notes), "--force"]) == 0
    assert notes.read_text().startswith(MARKDOWN_MARK)
    assert stat.S_IMODE(notes.stat().st_mode) == 0o600  # private stays private


def test_a_file_that_only_mentions_the_record_format_is_not_a_record(tmp_path, capsys):
    mention = tmp_path / "mention.json"
    text = '{"note": "compute-race-record is the format name"}'
    mention.write_text(text)
    refused(capsys, [*RUN, "--record", str(mention)], mention, "not a record the game wrote")
    assert mention.read_text() == text
    html = tmp_path / "page.html"
    page = "<!DOCTYPE html><p>compute-race generator</p>"
    html.write_text(page)
    refused(capsys, ["report", "--briefing", "tutorial", "-o", str(html)], html,
            "not a report the game wrote")
    assert html.read_text() == page


def test_a_read_only_record_is_refused_even_with_force(tmp_path, capsys, record_bytes):
    target = tmp_path / "kept.json"
    target.write_bytes(record_bytes)
    target.chmod(0o444)
    for extra in ([], ["--force"]):
        refused(capsys, [*RUN, "--seed", "3", "--record", str(target), *extra], target,
                "read-only")
    assert target.read_bytes() == record_bytes
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_record_is_replaced_keeping_its_mode(tmp_path, record_bytes):
    target = tmp_path / "mine.json"
    target.write_bytes(record_bytes)
    target.chmod(0o600)
    assert main([*RUN, "--seed", "5", "--record", str(target)]) == 0
    assert target.read_bytes() != record_bytes
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_to_a_record_writes_through_and_keeps_the_link(tmp_path, record_bytes):
    real = tmp_path / "real.json"
    real.write_bytes(record_bytes)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main([*RUN, "--seed", "9", "--record", str(link)]) == 0
    assert link.is_symlink() and real.read_bytes() != record_bytes


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "the disk is full"),
                                          (errno.EACCES, "permission denied"),
                                          (errno.EROFS, "the file system is read-only")])
def test_write_failures_name_the_path_and_reason(tmp_path, monkeypatch, capsys, code, reason,
                                                 record_bytes):
    target = tmp_path / "d.json"
    target.write_bytes(record_bytes)

    def failing_write(fd: int, data: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing_write)
    refused(capsys, [*RUN, "--record", str(target)], target, reason)
    assert target.read_bytes() == record_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]  # no temp left


def test_a_missing_directory_is_named(tmp_path, capsys):
    where = tmp_path / "nowhere" / "x.html"
    refused(capsys, ["report", "--briefing", "tutorial", "-o", str(where)], where,
            "no such directory")


def test_the_writer_refuses_to_write_content_it_would_not_recognise(tmp_path):
    with pytest.raises(ValueError, match="mark"):
        write_file(tmp_path / "x.md", "# no mark\n", document_mark(".md"))
    assert not list(tmp_path.iterdir())


def test_leftover_temp_files_of_dead_writers_are_removed_by_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".x.json.cr{dead.pid}-0123abcd.tmp"
    stale.write_text("half a record")
    live = tmp_path / temp_name("y.json")  # this process: alive, so kept
    live.write_text("being written")
    person = tmp_path / ".notes.tmp"  # not the writer's name pattern: never touched
    person.write_text("mine")
    assert clean_temps(tmp_path) == [stale]
    assert live.exists() and person.exists()


KILL_LOOP = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):  # a slow disk: most of a save's time is spent with its temp file
    time.sleep(0.02)
    real_fsync(fd)
os.fsync = slow_fsync
from game.model.loader import load_scenario
from game.session import Game
game = Game.new(load_scenario("tutorial"), seed=1)
game.play_out(2)
print("ready", flush=True)
while True:
    game.save(sys.argv[1])
"""


def test_kill_9_during_saves_leaves_no_temp_file_after_the_next_save(tmp_path):
    target = tmp_path / "game.json"
    leftovers = 0
    # Until a kill lands mid-save (each new saver also cleans up the last one's temp).
    for round_ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", KILL_LOOP, str(target)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.013 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        leftovers = len([p for p in tmp_path.iterdir() if p.name.endswith(".tmp")])
        if leftovers:
            break
    assert leftovers >= 1, "no kill landed during a save: the test proved nothing"
    game = Game.new(load_tutorial(), seed=1)
    game.save(target)
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]
    assert Game.load(target).seed == 1


def load_tutorial():
    from game.model.loader import load_scenario

    return load_scenario("tutorial")


def test_autosave_pruning_deletes_only_its_own_records(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    folder = autosave_dir()
    folder.mkdir(parents=True)
    keep = {"notes.json": b'{"mine": 1}', "copy-of-save.json": b""}
    game = Game.new(load_tutorial(), seed=1)
    first = autosave(game, keep=1)
    keep["copy-of-save.json"] = first.read_bytes()  # a record, but not named as its slot
    for name, data in keep.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, (1, 1))  # older than every autosave
    for seed in (2, 3):
        autosave(Game.new(load_tutorial(), seed=seed), keep=1)
    left = {p.name for p in folder.iterdir()}
    assert set(keep) <= left  # never deleted, though oldest
    assert first.name not in left  # its own old autosave was pruned
    for name, data in keep.items():
        assert (folder / name).read_bytes() == data


def test_a_game_id_with_path_parts_is_refused(tmp_path, record_bytes):
    bad = tmp_path / "bad.json"
    bad.write_bytes(record_bytes.replace(b'"game": "', b'"game": "../../etc/x', 1))
    with pytest.raises(InputError, match=r"game: does not have the allowed form"):
        Game.load(bad)
    game = Game.new(load_tutorial(), seed=1)
    game.game_id = "../escape"
    with pytest.raises(InputError, match="not a safe file name"):
        autosave(game)


@pytest.mark.parametrize("name", ["notes.json", "notes.txt", "notes.md"])
def test_balance_refuses_a_foreign_output_before_the_audit(tmp_path, capsys, name):
    notes = tmp_path / name
    notes.write_text("mine\n")
    refused(capsys, ["balance", "tutorial", "--quick", "-o", str(notes)], notes,
            "the game wrote; refusing to overwrite it")
    assert notes.read_text() == "mine\n"


"""Files are written whole or not at all: a process killed while writing leaves the old file whole,
or no file, under the target's name."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

import csgraph
from csgraph.files import atomic_path, atomic_write


def _kill_while_writing(cmd: list[str], folder, target_name: str) -> None:
    """Run ``cmd``, wait until its temporary file next to the target exists, then SIGKILL it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while proc.poll() is None:
            if any(folder.glob(f".{target_name}.*.part")):  # the writing has begun
                proc.send_signal(signal.SIGKILL)
                break
        assert proc.wait(timeout=600) == -signal.SIGKILL, "the command finished before it was killed"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("old", [b"the old file\n", None])
def test_synth_killed_midway_leaves_the_old_file_or_none(tmp_path, old):
    target = tmp_path / "national.nq"
    if old is not None:
        target.write_bytes(old)
    _kill_while_writing([sys.executable, "-m", "csgraph", "synth", "--authorities", "5000", "-o", str(target)],
                        tmp_path, target.name)
    assert (target.read_bytes() if target.exists() else None) == old


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "national.nq"
    csgraph.synth(400, seed=1, path=path)
    return path


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_export_killed_midway_leaves_the_old_file_whole(tmp_path, national, fmt):
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"the old export\n")
    _kill_while_writing([sys.executable, "-m", "csgraph", "export", str(national), "--format", fmt,
                         "-o", str(target)], tmp_path, target.name)
    assert target.read_bytes() == b"the old export\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as fh:
        fh.write("new, half")
        raise RuntimeError("stop")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]
    with atomic_path(target) as part:
        part.write_text("new")
    assert target.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]
    with pytest.raises(ValueError):
        with atomic_write(target, "a"):
            pass

"""The public-read benchmark (bench/public.py) in its quick form, so that it cannot rot: it
runs, every read answers, and each target row and figure is written. Timings are not
checked here (the machine running the tests is not the benchmark's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = ("meeting page", "Atom feed", "iCalendar")


def test_the_public_read_scenarios_run_in_quick_mode() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bench.public", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for read in READS:
        assert f"| public {read}, 8 concurrent readers:" in out, read
        assert f"| public {read}, conditional GET: 304 answered" in out, read
        row = next(line for line in out.splitlines() if line.startswith(f"| {read} |"))
        figures = [cell.strip() for cell in row.strip("|").split("|")][1:]
        assert len(figures) == 14, row
        # Every latency, ratio and rate is a positive number: each side was measured.
        numbers = [float(f.rstrip("\N{MULTIPLICATION SIGN}").replace(",", "")) for f in figures]
        assert all(n > 0 for n in numbers), row

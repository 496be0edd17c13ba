"""Running wrk and reading its report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_P50 = re.compile(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class Load:
    """How hard to push: wrk's threads, open connections and duration."""

    connections: int = 16
    seconds: float = 5.0
    threads: int = 1


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    requests: int
    bad_responses: int  # non-2xx/3xx answers plus socket errors
    # The server's own CPU time per answered request: unlike req/s, hardly moved by other
    # work on a busy machine, which takes turns on the cores but not the server's CPU time.
    cpu_us_per_request: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "requests_per_second": self.requests_per_second,
            "p50_ms": self.p50_ms,
            "requests": self.requests,
            "bad_responses": self.bad_responses,
            "cpu_us_per_request": round(self.cpu_us_per_request, 1),
        }


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, from the kernel's account of it."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def require_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("bench: wrk is missing; run `make bench` (it installs Debian's wrk)")
    return found


def run_wrk(
    url: str,
    load: Load,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    headers: dict[str, str] | None = None,
    pid: int | None = None,
) -> WrkResult:
    """One wrk run. `script` is a wrk Lua script, e.g. for signed POSTs; `script_args`
    reach its init(args). With the server's `pid`, its CPU time per request is measured."""
    command = [
        require_wrk(),
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{load.seconds:g}s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    extra = ["--", *script_args] if script_args else []
    cpu_before = cpu_seconds(pid) if pid else 0.0
    result = subprocess.run(
        [*command, url, *extra],
        capture_output=True,
        text=True,
        timeout=load.seconds + 30,
        check=True,
    )
    parsed = parse(result.stdout)
    if pid and parsed.requests:
        used = cpu_seconds(pid) - cpu_before
        parsed = replace(parsed, cpu_us_per_request=1e6 * used / parsed.requests)
    return parsed


def parse(report: str) -> WrkResult:
    rate, p50, total = _RATE.search(report), _P50.search(report), _TOTAL.search(report)
    if not (rate and p50 and total):
        raise RuntimeError(f"could not read wrk's report:\n{report}")
    bad = int(m.group(1)) if (m := _NON_2XX.search(report)) else 0
    if m := _SOCKET.search(report):
        bad += sum(int(n) for n in m.groups())
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=float(p50.group(1)) * _UNITS[p50.group(2)],
        requests=int(total.group(1)),
        bad_responses=bad,
    )

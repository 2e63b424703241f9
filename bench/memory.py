"""Peak resident memory of this process, for the benchmarks (Linux `/proc`)."""

from __future__ import annotations

from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) since it started or since `reset_peak`.

    Not `ru_maxrss`: that carries over the parent's peak through fork and exec, so a child
    started by a parent that built a 5,000-session vault reported the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> bool:
    """Start measuring the peak afresh from now (writes 5 to `clear_refs`); False if the
    kernel does not allow it, in which case the peak goes on counting from the start."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True

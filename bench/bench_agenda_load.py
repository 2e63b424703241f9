"""How long loading an agenda takes: every shipped template, and a file with many problems.

Run: .venv/bin/python bench/bench_agenda_load.py — prints milliseconds per load.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from iop_facilitator.agenda.catalog import shipped_agendas
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import load_agenda, parse_agenda


def _per_call_ms(work: Callable[[], object], repeats: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        work()
    return (time.perf_counter() - start) / repeats * 1000


def _broken_agenda(phases: int) -> str:
    """An agenda whose every phase has three problems, so positions are needed for all."""
    parts = ['[agenda]\ntitle = "Bench"\nkind = "skills"\nminutes = 90\n']
    parts.append('[confidentiality]\nreminder = "Stays here."\n')
    for n in range(phases):
        parts.append(
            f'[[phase]]\nid = "phase-{n % 5}"\ntitle = ""\nkind = "topic"\nminutes = 0\n'
            'prompts = ["one", "two", "three"]\nscript = """\nline\nline\n"""\n'
        )
    return "\n".join(parts)


def _load_broken(text: str) -> None:
    with contextlib.suppress(AgendaError):
        parse_agenda(text, "bench.toml")


def main() -> None:
    for path in shipped_agendas():
        print(f"{path.stem:34} {_per_call_ms(lambda p=path: load_agenda(p)):6.2f} ms per load")
    for phases in (10, 100):
        text = _broken_agenda(phases)
        ms = _per_call_ms(lambda t=text: _load_broken(t), repeats=50)
        print(f"broken agenda, {phases:3} phases ({len(text):6} chars) {ms:6.2f} ms per load")


if __name__ == "__main__":
    main()

"""The runner's one theme: calm, low-glare colours for a window kept open beside a video call.

Warnings and overruns are also written in words on screen, so nothing depends on these hues.
"""

from __future__ import annotations

from textual.theme import Theme

CALM = Theme(
    name="iop-calm",
    primary="#7FA7C9",
    secondary="#9DB8A0",
    accent="#5E81AC",
    warning="#E0B765",
    error="#D77A6E",
    success="#8FBC8F",
    foreground="#DCDFE4",
    background="#1F2329",
    surface="#262B33",
    panel="#2E3440",
    dark=True,
)

"""What a digest's JSON text says about its place, read without decoding the digest.

Review lists sessions newest first and rebuilds digests of another version; at a career's
scale, decoding or validating every digest only to learn its date and version was most of the
cost of `review list`. The index holds each digest as the JSON text of one object whose only
`started` and `version` keys are its own (a member's, a homework's or a flag's line has
neither), and a key can never be matched inside a string value (there every quote is
escaped), so a pattern finds them. Anything the pattern cannot read is decoded as before.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

_STARTED = re.compile(r'"started"\s*:\s*"([^"\\]+)"')
_VERSION = re.compile(r'"version"\s*:\s*(-?\d+)\s*[,}]')


def digest_version(text: str | None) -> object:
    """The `version` of a digest's JSON text (None when it has none, or no text)."""
    if text is None:
        return None
    found = _VERSION.search(text)
    if found is not None:
        return int(found.group(1))
    try:
        decoded = json.loads(text)
    except ValueError:
        return None
    return decoded.get("version") if isinstance(decoded, dict) else None


def digest_started(text: str) -> datetime | None:
    """When the digest's session started, from its text (None: validate it to know)."""
    found = _STARTED.search(text)
    if found is None:
        return None
    try:
        return datetime.fromisoformat(found.group(1))
    except ValueError:
        return None


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when the digest's text cannot hold one of `words` (casefolded query words)
    in any of its fields: a cheap test before validating a digest for a text filter.

    Exact for words without quotes, slashes, backslashes or control characters in a text without
    `\\u` escapes (there every field's characters stand as they are); otherwise True."""
    if "\\u" in text:
        return True
    folded = text.casefold()
    for word in words:
        if any(c in word for c in '"\\/') or not word.isprintable():
            continue
        if word not in folded:
            return False
    return True


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while thousands of objects that live on are made: each
    generation-0 pass would walk them all again (about a third of a bulk load's time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

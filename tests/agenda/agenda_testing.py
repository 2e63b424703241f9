"""A valid agenda as TOML text, for tests that break one thing at a time."""

VALID = """\
[agenda]
title = "Test group"
kind = "skills"
minutes = 60

[confidentiality]
reminder = "What is said here stays here."

[norms]
items = ["One person at a time"]

[[phase]]
id = "check-in"
title = "Check-in"
kind = "check-in"
minutes = 15
turns = "round"
checkin = { scale = [1, 10], fields = ["mood"] }

[[phase]]
id = "skill"
title = "Skill"
kind = "topic"
minutes = 30

[[phase]]
id = "closing"
title = "Closing"
kind = "closing"
minutes = 10
homework = ["Practise once a day"]
"""


def replaced(old: str, new: str, text: str = VALID) -> str:
    """`text` with `old` replaced once by `new`; fails loudly if `old` is not there."""
    assert old in text, old
    return text.replace(old, new, 1)

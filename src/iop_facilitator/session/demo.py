"""A demo group of eight members, for `iop-facilitator demo`, screenshots and tests.

Invented people: first names and a last initial, as groups on a video call often show them.
"""

from __future__ import annotations

from datetime import date

from iop_facilitator.session.group import Facilitator, Group, IdSource, Member, new_id

DEMO_MEMBERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Maria L.", "she/her", ("Use TIPP before urges peak", "Sleep before midnight")),
    ("James T.", "he/him", ("Call sponsor twice a week", "Name feelings instead of isolating")),
    ("Aisha K.", "she/her", ("Practise a thought record daily",)),
    ("Daniel R.", "he/him", ("Attend every session this month", "Walk 20 minutes a day")),
    ("Priya S.", "she/they", ("Set one boundary at work",)),
    ("Tom W.", "he/him", ("Track cravings in the app", "Reach out before a lapse, not after")),
    ("Elena G.", "she/her", ("Use opposite action for avoidance",)),
    ("Sam O.", "they/them", ("Reconnect with one friend", "Keep a mood log")),
)

DEMO_FACILITATORS: tuple[tuple[str, str], ...] = (("Dr. Rivera", "lead"), ("Jordan M.", "co"))


def demo_group(
    *, name: str = "Tuesday evening IOP", on: date | None = None, new_id: IdSource = new_id
) -> Group:
    """A group of eight invented members (names, initials, pronouns, goals) and two
    facilitators, created on `on` (default: today)."""
    day = on or date.today()
    return Group(
        id=new_id(),
        name=name,
        created=day,
        members=[
            Member(id=new_id(), name=n, pronouns=p, goals=list(g), joined=day)
            for n, p, g in DEMO_MEMBERS
        ],
        facilitators=[
            Facilitator(id=new_id(), name=n, role="lead" if r == "lead" else "co")
            for n, r in DEMO_FACILITATORS
        ],
    )

"""`iop-facilitator share` in a terminal: the group's view of a session another terminal runs."""

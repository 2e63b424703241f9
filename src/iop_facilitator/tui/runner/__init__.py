"""The runner: the live cockpit a facilitator keeps open during a group session."""

"""The review app: the therapist's view of past sessions, members, groups and what is open."""

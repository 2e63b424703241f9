"""The runner's screens, one per step of a session, and its small modals."""

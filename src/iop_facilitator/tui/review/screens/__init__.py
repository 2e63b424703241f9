"""The review app's screens: one per view, and the detail and form screens they open."""

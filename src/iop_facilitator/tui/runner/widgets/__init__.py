"""The runner's widgets: each shows one part of the session and is told what to show."""

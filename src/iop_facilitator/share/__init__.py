"""The group's view in a browser (`iop-facilitator share --browser`): an HTML page of the slide,
served on 127.0.0.1 only, behind a random token, read-only. No Textual, no Rich."""

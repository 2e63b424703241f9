"""Export: the only way plain text leaves the vault, as Markdown, printable HTML or JSON."""

"""What both apps share: the theme, the last-resort handler, dialogs and key labels."""

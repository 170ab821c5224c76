"""One module per area, each holding ``MESSAGES``: ``{"area.key": {"da": ..., "en": ...}}``."""

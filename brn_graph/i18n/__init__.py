"""Language: the one message catalogue, messages kept for later rendering, Danish collation,
and number formats per language."""

"""Language: Danish collation (and, in time, the one message catalogue)."""

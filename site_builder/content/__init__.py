"""Files -> immutable documents -> rules -> records: reading and checking the content."""

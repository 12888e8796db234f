"""Per-practice results kept by a hash of their inputs, and the second process that makes some."""

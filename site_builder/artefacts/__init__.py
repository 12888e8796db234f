"""Results kept by a hash of their inputs and of the code that makes them (the one
fingerprint), the recipes of each kind, and the second process that makes some."""

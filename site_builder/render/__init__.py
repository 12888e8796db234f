"""Templates and pages: records -> HTML."""

"""The words everything shares: records, problems, vocabularies, countries, facets, addresses."""

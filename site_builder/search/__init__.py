"""Search: one index for the site, the offline download and the command line."""

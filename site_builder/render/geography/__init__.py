"""Committed map geometry: europe.json (Natural Earth, public domain), made by make_europe."""

"""Rules that need the whole catalogue, its links and the day: one module per family."""

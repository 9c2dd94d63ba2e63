"""Box office."""

"""The write side: aggregates, their events, and the rules they enforce."""

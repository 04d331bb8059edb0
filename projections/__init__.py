"""The read side: SQL read models folded from the event log, with tracking."""

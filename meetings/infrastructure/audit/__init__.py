"""The tamper-evident chain over the log: one link per stored event, in log order.

The chain is kept beside the read models and extended in the same transaction as they are,
but it is never dropped or rebuilt: it is not a read model but the record's own proof.
`chain` makes and keeps the links (version 1 over the stored bytes), `seals` the links of
version 2 (over the event's digest, with the seal the service made when it wrote it),
`verifying` proves the log against them, and `exports` writes and reads the log with its
links for a check made offline.
"""

from meetings.infrastructure.audit.chain import (
    GENESIS,
    StoredEvent,
    chain_head,
    create,
    extend,
    head,
    link,
    link_of,
    links,
)
from meetings.infrastructure.audit.exports import ExportedEvent, export_line, read_export
from meetings.infrastructure.audit.verifying import (
    CHANGED,
    ERASED_TOPIC,
    Redaction,
    Verdict,
    redactions,
    verify,
)

__all__ = [
    "CHANGED",
    "ERASED_TOPIC",
    "GENESIS",
    "ExportedEvent",
    "Redaction",
    "StoredEvent",
    "Verdict",
    "chain_head",
    "create",
    "export_line",
    "extend",
    "head",
    "link",
    "link_of",
    "links",
    "read_export",
    "redactions",
    "verify",
]

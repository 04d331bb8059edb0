"""The demonstration record: the Buckinghamshire partnership family and a year of its
meetings, kept as data files (`demo/data/`) and recorded through the application's use
cases (`meetings demo`). Not part of the product: nothing in `meetings` imports it but the
command line's demo command."""

from __future__ import annotations

from demo.dates import AS_OF, day, weeks_since_written
from demo.family import CADEX_LA_GROUP, CADEX_PARTNERSHIP_GROUP, MARKER_SHORT_NAME, RECORDED_BY
from demo.loader import DemoSummary, load_demo

__all__ = [
    "AS_OF",
    "CADEX_LA_GROUP",
    "CADEX_PARTNERSHIP_GROUP",
    "MARKER_SHORT_NAME",
    "RECORDED_BY",
    "DemoSummary",
    "day",
    "load_demo",
    "weeks_since_written",
]

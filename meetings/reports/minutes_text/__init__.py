"""Minutes, never typed twice: derived from what the clerk recorded, item by item.

`compose` (document.py) takes a meeting's view (already redacted for whoever reads it, so
nothing of a confidential item can reach a reader who may not see it) and the names it
mentions (names.py), and gives the minutes as structured items (attendance.py, items.py)
beside their Markdown text (markdown.py, item_markdown.py), in the minutes' words
(words.py: dates, times, capacities and methods, which the pages and feeds say the same way).
"""

from meetings.reports.minutes_text.document import compose
from meetings.reports.minutes_text.names import Names, people_mentioned
from meetings.reports.minutes_text.words import CAPACITIES, METHODS, clock, long_date, unstopped

__all__ = [
    "CAPACITIES",
    "METHODS",
    "Names",
    "clock",
    "compose",
    "long_date",
    "people_mentioned",
    "unstopped",
]

"""What the public reads without a token: the published pages (`published.py`) and what they
share (`page_data.py`), the calendar, Atom feed and printable minutes (`feeds.py`), the open
exports of published minutes (`exports.py` Open Civic Data, `minutes_pdf.py` PDF/A), and what
every public answer carries alike (`public.py`: security headers, conditional GET); the safe
rendering of Markdown (`safe_html.py`) and of CSV cells (`csv_safe.py`)."""

from pathlib import Path

#: The pages' templates and static files stay in `web/` (setup.cfg's package_data names them
#: there): the blueprints here look for them from that folder.
WEB_ROOT = str(Path(__file__).resolve().parent.parent)

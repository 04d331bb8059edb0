"""The system of record for how public-sector partnerships meet and decide."""

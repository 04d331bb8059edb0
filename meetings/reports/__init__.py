"""Reports: pure shaping of what the use cases and queries read (minutes text, scrutiny
reports) into what a reader is given; no loading, no saving."""

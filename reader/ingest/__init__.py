"""Turning saved files (text dumps, feeds, HTML pages, OPML) into items; no UI imports."""

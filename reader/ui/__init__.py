"""The Textual app: composes the data layers, holds no business logic."""

import os

# Textual draws at most TEXTUAL_FPS frames a second (60 by default), so a change waits up
# to a frame period for the screen. At 120 a search keystroke's results reached the
# screen in 25-28 ms at the median instead of 35-39 (benchmarks/app_bench.py, 100k
# items). Read when Textual is first imported, hence here; a user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")

"""reader: a keyboard-driven terminal reader for headlines and articles."""

__version__ = "0.1.0"

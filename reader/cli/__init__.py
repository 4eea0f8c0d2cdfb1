"""The command line: argument parsing and printing only; the work is done by reader.services."""

"""`python -m reader`."""

from reader.cli.main import main

main()

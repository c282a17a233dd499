"""`python -m quotes`: the same command line as `quotes`."""

from quotes.cli import cli

cli(prog_name="quotes")

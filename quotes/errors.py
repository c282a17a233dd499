"""The error the store raises: a database problem, or a record it would refuse."""


class StoreError(Exception):
    """A database problem, or a record the database would refuse, in one line for the user."""

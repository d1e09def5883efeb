"""Track the commitments governments make to each other, and whether they keep them."""

__version__ = "0.2.0"

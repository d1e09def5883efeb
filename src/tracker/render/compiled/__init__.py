"""The templates compiled ahead of time (see `precompiled`)."""

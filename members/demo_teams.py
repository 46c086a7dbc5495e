"""Demo teams, their members, meetings and minutes (called by demo.py)."""


def load(command, homes):
    """The teams of the demo: built in the teams work."""

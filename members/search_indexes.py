"""The members app's search indexes, which haystack finds here: teams' public
face (team_search.py)."""

from .team_search import TeamIndex

__all__ = ["TeamIndex"]

"""Django's SQLite backend, able to compare with any number or date (see base.py)."""

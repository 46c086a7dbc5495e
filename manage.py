#!/usr/bin/env python
"""Django's command-line entry point for Leerkring."""

import os
import sys
from pathlib import Path

# site/ holds the config package and site-wide apps. It cannot be a package
# itself (``site`` is a standard-library module), so it goes on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Developer entry point; the same as the installed `safer` command."""

from safer.cli import main

if __name__ == "__main__":
    main()

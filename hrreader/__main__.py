"""Allow ``python -m hrreader``."""

from __future__ import annotations

import sys

from hrreader.cli import main

if __name__ == "__main__":
    sys.exit(main())

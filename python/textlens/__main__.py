"""``python -m textlens`` runs the command-line interface."""

import sys

from textlens.cli import main

sys.exit(main())

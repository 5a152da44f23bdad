"""`python -m disclosure …`: the `disclosure` command (cli/main.py), for a machine where the command's script is not
on PATH (a virtual environment not activated, Windows' Scripts folder)."""

import sys

from disclosure.cli.main import main

sys.exit(main())

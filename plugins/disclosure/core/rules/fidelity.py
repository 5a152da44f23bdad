"""Fidelity (E600): the published text is the official text, character for character.

Runs in the build on every document page (`core/fidelity.py`): Markdown must not eat or change a
character of the source.
"""

FAMILY = "fidelity"

"""Conversion damage (W601): text a machine conversion damaged (`生產(chǎn)`, `„2011‟`, U+FFFD).

Raised while a document is read (`text/conversion.py`), in every public document, imported or
written: each unambiguous artefact is named with the repair `disclosure import` makes on import.
"""

FAMILY = "conversion"

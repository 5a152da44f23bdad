"""The merge of a platform's unit outputs (E700, E701): what a unit's build handed over, checked before anything is published.

Runs in `disclosure merge` (and `disclosure build`, which merges): `assembly/merge.py` checks that each
unit's output holds only its own paths, only regular files, exactly the files its manifest lists with
their SHA-256 (E700), and `assembly/manifest.py` that the manifest is there, readable and of this
version (E701). Either stops the merge and site/ stays as it was.
"""

FAMILY = "assembly"

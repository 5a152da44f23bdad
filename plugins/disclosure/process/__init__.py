"""How a command's process meets the operating system: stop signals (Ctrl-C, SIGTERM) held back.

Owns: `signals.py` (which signals stop a command, and holding them back over the few lines that must
not stop half-way: the swap of site/, a thread's start, a fork). Several layers need it — the build's
and the merge's swap, the import's writes, the search process's feeder thread, the attachments'
sandbox — so it sits below all of them, once. `children.py`: children forked where no other thread runs (the check's parsers, the
search index process). `ending.py`: a finished command ends without the interpreter
freeing its memory object by object (the build's last second at 10,000 documents). `zygote.py`: commands forked
from one process that has imported them (a platform's unit builds: a second of imports each, paid once).
May use: nothing else of `disclosure`.
"""

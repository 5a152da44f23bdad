"""Every code the build reports, and the line it reports it with.

Owns: `registry.py` (each code's severity, Chinese title, family and whether it is part of the
gate), `diagnostics.py` (the `path:line: CODE message` line and its formats). `from ..codes import
E201` gives the registered rule; `E201.at(path, line, message)` reports it.
May use: nothing else of `disclosure` — every other package reports through it.
"""

from .registry import REGISTRY, Rule, UnknownRule, family_rules, rule  # noqa: F401 - the package is the registry's home

E100 = REGISTRY["E100"]
E101 = REGISTRY["E101"]
E102 = REGISTRY["E102"]
E103 = REGISTRY["E103"]
E104 = REGISTRY["E104"]
E105 = REGISTRY["E105"]
E106 = REGISTRY["E106"]
E107 = REGISTRY["E107"]
E108 = REGISTRY["E108"]
E109 = REGISTRY["E109"]
E110 = REGISTRY["E110"]
E111 = REGISTRY["E111"]
E112 = REGISTRY["E112"]
E113 = REGISTRY["E113"]
E200 = REGISTRY["E200"]
E201 = REGISTRY["E201"]
E300 = REGISTRY["E300"]
E301 = REGISTRY["E301"]
E400 = REGISTRY["E400"]
E401 = REGISTRY["E401"]
E402 = REGISTRY["E402"]
E403 = REGISTRY["E403"]
E404 = REGISTRY["E404"]
E406 = REGISTRY["E406"]
E500 = REGISTRY["E500"]
E600 = REGISTRY["E600"]
E601 = REGISTRY["E601"]
W601 = REGISTRY["W601"]
E700 = REGISTRY["E700"]
E701 = REGISTRY["E701"]
E800 = REGISTRY["E800"]
E801 = REGISTRY["E801"]
W104 = REGISTRY["W104"]
W200 = REGISTRY["W200"]
W300 = REGISTRY["W300"]
W301 = REGISTRY["W301"]
W302 = REGISTRY["W302"]
W303 = REGISTRY["W303"]
W304 = REGISTRY["W304"]
W400 = REGISTRY["W400"]
W401 = REGISTRY["W401"]
W800 = REGISTRY["W800"]
W801 = REGISTRY["W801"]
I400 = REGISTRY["I400"]

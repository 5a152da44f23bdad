"""The search recall set (tests/data/search_recall.tsv) and its measures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RECALL_SET = Path(__file__).parent / "data" / "search_recall.tsv"


@dataclass(frozen=True)
class RecallCase:
    query: str
    expected: str
    kind: str
    also_relevant: tuple[str, ...]

    @property
    def relevant(self) -> set[str]:
        return {self.expected, *self.also_relevant}

    def __str__(self) -> str:
        return f"{self.query} → {self.expected}"


def recall_cases() -> list[RecallCase]:
    cases = []
    for line in RECALL_SET.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected, kind, *rest = line.split("\t")
        cases.append(RecallCase(query, expected, kind, tuple(rest[0].split()) if rest else ()))
    return cases


def precision_at_5(case: RecallCase, urls: list[str]) -> float:
    """Relevant pages among the first five, out of as many as could be relevant (at most five)."""
    top = urls[:5]
    return sum(url in case.relevant for url in top) / min(5, len(case.relevant))

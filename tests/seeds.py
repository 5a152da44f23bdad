"""The real disclosure documents of ../shared/seeds/ (beside the repository, in CI as well)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .sitekit import REPO

SEEDS = REPO.parent / "shared" / "seeds"


def seed_texts() -> dict[str, str]:
    """Seed file stem -> text; fails the test (never skips) when the seeds are not beside the repository."""
    files = sorted(SEEDS.glob("*.txt"))
    if len(files) < 5:
        pytest.fail(f"找不到真实文件样本：{SEEDS} 下应有 5 个 .txt（CI 中 shared/ 应与仓库同级，即 ../shared/seeds）")
    return {file.stem: file.read_text(encoding="utf-8") for file in files}

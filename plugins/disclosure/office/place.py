"""Where a command may write what is for the office only (the report, the import's report) or what a platform's merge
publishes: never where the site would publish it. Apart from the report's writer (office/output.py), which loads
the charts and templates: every command checks its folders before it starts.
"""

from __future__ import annotations

from pathlib import Path

from ..content.host_settings import HostSettings
from ..content.unit_layout import BUILD_DIR, same_address


class ReportPlaceError(ValueError):
    """The output folder would be published; the message is for the editor."""


def check_place(output: Path, root: Path, settings: HostSettings, content: str = "content",
                what: str = "报告目录", instead: str = "默认的 report/", besides: tuple[tuple[str, str], ...] | None = None,
                harm: str = "报告会被公开发布") -> None:
    """The report is for the office only: never inside the content folder, the built site, a platform's
    unit outputs (build/: the next merge would publish what lies there) or the theme's folder (MkDocs
    copies its CSV, JSON … into the site with the theme's assets). The import's report too (`what`, `instead`).
    `besides`: the folders (and what they are) checked besides content/ and the theme, the site and build/ unless
    named (the platform's own folders are checked against each other: `disclosure build --units-dir`, `merge
    --site-dir`); `harm`: why."""
    target = Path(same_address(output.resolve().as_posix()))   # Site/ is site/ on macOS and Windows (and site./ on IIS)
    theme = [(settings.theme_dir, "主题目录（其中的文件随网站发布）")] if settings.theme_dir else []
    besides = besides or ((settings.site_dir, "网站输出目录"), (BUILD_DIR, "平台各单位的输出目录（合并时发布）"))
    for folder, label in ((content, "内容目录"), (settings.docs_dir, "内容目录"), *besides, *theme):
        place = Path(same_address((root / folder).resolve().as_posix()))
        # Inside it, it, or around it (the whole repository as output would hold the site too).
        if target == place or place in target.parents or target in place.parents:
            raise ReportPlaceError(f"{what} {output} 与{label} {folder}/ 重叠，{harm}；请放在其外，例如{instead}")

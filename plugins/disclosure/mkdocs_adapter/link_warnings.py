"""MkDocs' own link warnings, retold as coded lines: ``content/a.md:12: E500 …``.

MkDocs checks every link and anchor as it renders; its English warnings name the file but
not the line, and do not fail a build without --strict. This filter on its logger rewrites
each one as an E500 error with the line where the link is written, and keeps them so the
plugin can fail the build.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from ..codes import E500
from ..codes.diagnostics import Diagnostic
from ..text.anchors import closest

_TAIL = r"(?: Did you mean '(?P<fix>[^']+)'\?)?"
_MESSAGES = [
    (re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the target(?: '[^']+')? is not "
                r"found among documentation files\." + _TAIL), "链接“{url}”指向的文件不存在或不公开", None),
    (re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the doc '(?P<doc>[^']+)' does not "
                r"contain an anchor '(?P<anchor>[^']+)'"), "链接“{url}”指向的标题 {anchor} 不存在；请核对目标页面的标题",
     "doc"),
    (re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but there is no such anchor on this "
                r"page"), "链接“{url}”指向本页不存在的标题；请核对标题", "src"),
    (re.compile(r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<url>[^']+)'" + r".*?" + _TAIL),
     "链接“{url}”应指向 Markdown 文件（.md）", None),
    (re.compile(r"Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']+)'" + r".*?" + _TAIL),
     "链接“{url}”以 / 开头，网站部署在子路径下时会失效；请改用相对路径", None),
]
_SHOWN_ANCHORS = 5  # the closest few; a long policy has dozens


class LinkWarnings(logging.Filter):
    """Installed on MkDocs' pages logger for one build; `found` holds what it rewrote."""

    def __init__(self, docs_dir: Path, content_prefix: str, anchors_of: Callable[[str], list[str]] = lambda _: []):
        super().__init__()
        self.docs_dir, self.content_prefix = docs_dir, content_prefix
        self.anchors_of = anchors_of  # a page's anchor ids by its src_uri, offered when an anchor is missing
        self.found: list[Diagnostic] = []

    def filter(self, record: logging.LogRecord) -> bool:
        diagnostic = self.translate(record.getMessage())
        if diagnostic:
            self.found.append(diagnostic)
            record.msg, record.args = diagnostic.as_text(), ()
            record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True

    def translate(self, message: str) -> Diagnostic | None:
        for pattern, text, target in _MESSAGES:
            match = pattern.match(message)
            if match:
                fields = match.groupdict()
                fix = f"；是否应为 {fields['fix']}？" if fields.get("fix") else ""
                if target:
                    fix += self._valid_anchors(fields[target], fields["url"])
                line = self._line_of(fields["src"], fields["url"])
                return E500.at(f"{self.content_prefix}/{fields['src']}", line, text.format(**fields) + fix)
        return None

    def _valid_anchors(self, src_uri: str, url: str) -> str:
        """"；该页面的标题锚点有：#a、#b" with the ones closest to what the link wrote first."""
        wanted = unquote(url.partition("#")[2])
        anchors = closest(wanted, self.anchors_of(src_uri), _SHOWN_ANCHORS)
        return "；该页面的标题锚点有：" + "、".join(f"#{anchor}" for anchor in anchors) if anchors else "；该页面没有可链接的标题"

    def _line_of(self, src_uri: str, url: str) -> int:
        """The first line that writes the link; 1 when it cannot be found (e.g. a generated page)."""
        try:
            lines = (self.docs_dir / src_uri).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return 1
        return next((number for number, line in enumerate(lines, start=1) if url in line), 1)

"""A disclosure document as the rules and the templates see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..privacy.numbers import Allowance
from .catalogue import Category, DocType
from .fields import NOT_IN_FORCE, PUBLIC
from .yamlsource import LineMap


@dataclass(frozen=True)
class Attachment:
    file: str          # as the editor wrote it, relative to the document
    title: str
    src_uri: str       # relative to the content folder, forward slashes
    size: int          # bytes
    line: int = 1      # of its entry in the front matter
    checked: str | None = None  # who checked by hand an attachment the tools cannot read, and the result

    @property
    def extension(self) -> str:
        return self.src_uri.rsplit(".", 1)[-1].upper() if "." in self.src_uri else ""


@dataclass(eq=False)
class Document:
    """One Markdown file of `content/` with its front matter read and checked.

    Values that failed their check are ``None`` (or empty), so that whole-site rules can
    still run over the rest.
    """

    path: str                 # relative to the repository, for diagnostics
    src_uri: str              # relative to the content folder
    lines: LineMap
    body: str
    body_line: int
    category: Category | None = None
    title: str | None = None
    type: str | None = None
    doc_type: DocType | None = None   # `type` resolved against the catalogue once, when read
    index_no: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    disclosure: str = PUBLIC
    reason: str | None = None
    doc_no: str | None = None
    issued: dt.date | None = None
    validity: str | None = None
    superseded_by: str | None = None
    topics: list[str] = field(default_factory=list)
    interprets: list[str] = field(default_factory=list)
    kind: str | None = None
    year: int | None = None
    opens: dt.date | None = None
    closes: dt.date | None = None
    expires: dt.date | None = None        # 有效期至, when the document states its own term
    responds_to: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    allowances: list[Allowance] = field(default_factory=list)
    summary: str | None = None
    corrected: str | None = None
    imported: str | None = None   # why a document moved in from an old site is exempt from rules of new documents

    @property
    def is_public(self) -> bool:
        return self.disclosure == PUBLIC

    @property
    def in_force(self) -> bool:
        return self.validity not in NOT_IN_FORCE

    def line_of(self, *key: object) -> int:
        return self.lines.line(*key)

    @property
    def period(self) -> int | None:
        """The year a listing files this document under: the year it covers (年报, 预决算), else its 发布年份."""
        return self.year or (self.published.year if self.published else None)

    def sort_key(self) -> tuple:
        """Newest first: by 发布日期, then 索引号."""
        return (self.published or dt.date.min, self.index_no or "")

    def listing_key(self) -> tuple:
        """Newest first within the year headings of a listing."""
        return (self.period or 0,) + self.sort_key()

"""Long runs of one text inside another, whatever markup, spacing, punctuation and width lie between:
what a reader would recognise as the same sentences (the merge: a withheld body copied into a page).

Texts are compared `normalised`: NFKC, case-folded, traditional characters as simplified, only letters and digits kept (Chinese punctuation,
spaces, line breaks and Markdown marks go; so do the Hangul fillers, letters to Unicode that a browser
draws as nothing). A text is looked up as written and reversed: a right-to-left override (a control
character, <bdo>, a style) shows a reversed run in reading order.

What counts as the same text: a run of `MIN_RUN` normalised characters (a sentence's clause or more); or pieces
of one passage of at least `PIECE` characters each that together cover `MIN_RUN` of it (the passage cut into
pieces with other text between, each shorter than MIN_RUN); or a whole passage shorter than MIN_RUN but of
PIECE characters or more (a withheld paragraph of one short sentence: 拟对某企业罚款三十万元整), or of `SHORT` at
least when the text holds it whole (罚没张某某五万元; a table's row, a name and an amount: 李某某8000元 — the caller
makes each line a passage too). A piece of a longer passage shorter than PIECE is a phrase or a name any two texts
share (特此通知, 各有关单位, 区教育局) and never counts. The pieces are counted over every text the caller names a source for (`first_run(…, source)`): half a
paragraph in one page and the other half in another is the paragraph published (`spread`), and pieces covering
a passage shorter than MIN_RUN whole count as it. And only pieces no public source holds count at all (`allowed`, the caller's): a public document's
sentences and the configuration's names are shared by design, whatever their length — which is what lets the
pieces be this short without flagging boilerplate (特此通知, 各有关单位, an office's name, a date as a public
document writes it): what is distinctive of a withheld body is not a piece's length but that no public source holds
it. Ten characters for a piece of a longer passage: a clause of Chinese official text (below that, a passage's
words a page holds by chance, 示例学校的住宿费, would add up with others); six for a passage held whole (a name and an
amount, a short sentence: rounds twelve to seventeen took ten, and a short sentence or a table's row of a withheld
list was merged). Short passages are looked up at every position (`_whole_short`): as one regular expression, or
in their own index when there are many.
The passages are indexed by every `GRAM`-character slice; a text is looked up at every `STEP`-th
position only, which still meets every piece of `PIECE` (STEP = PIECE − GRAM + 1), so a page costs
about len/STEP dictionary look-ups. A hit is grown to the whole common run before it counts.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import unicodedata
from collections.abc import Callable

import nh3

from .chinese import simplified

MIN_RUN = 20
PIECE = 10
SHORT = 6
GRAM = 6
STEP = PIECE - GRAM + 1
MAX_PIECES_SEEN = 10_000   # pieces of one passage remembered over texts (a passage has at most its length of them)
# Up to this many short passages are looked for as one regular expression (0.06 s CPU for 24 of them in the 10 million
# characters of a 1,000-document site); more (a withheld list's rows) by the index at every position (1.5 s whatever
# their number): an alternation costs about its number of branches at each position.
SHORT_PATTERN_MAX = 300
MAX_ALLOWED = 1000   # stretches of passages `Runs.first_run` asks about (each a search of the public text)

_NOT_WORD = re.compile(r"[\W_\u115f\u1160\u3164\uffa0]+")
_TAG = re.compile(r"<[^<>]*>")
# The attributes a reader is shown (a tooltip, an image's text, a field's value, a page's description).
# Matched in lower case (the comparison folds case anyway): faster than re.I.
_SHOWN = re.compile(r"""(?:alt|title|aria-label|placeholder|value|content|label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))""")


def normalised(text: str) -> str:
    text = _NOT_WORD.sub("", text)   # first: punctuation and spaces (most of what NFKC would change) go
    if not unicodedata.is_normalized("NFKC", text):   # fullwidth letters and digits, circled numbers …
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))
    return simplified(text.casefold())   # 繁體 as 简体: a reader reads the same sentence


def markup_text(text: str) -> str:
    """The text of HTML (or of a feed that escapes its HTML) twice: with its tags taken out (a tag between
    two characters joins them, as a browser shows them), then with each tag replaced by the attribute values
    a reader is shown of it, where it stands (an image's text shown in its place, a field's value).
    Entities are decoded first: a feed's escaped HTML becomes tags, taken out with the others; what is
    still escaped after that (a feed's HTML writing a character as an entity) is decoded once more."""
    text = html.unescape(text)
    if "&" in _TAG.sub("", text):
        text = html.unescape(text)
    texts = [_TAG.sub("", text), _TAG.sub(_shown, text), *_source_only(text)]
    if _HIDING.search(text):
        texts.append(rendered_text(text))
    return "\n".join(texts)


# What every reader's browser receives though it shows none of it (view source, a saved page, a program reading the page):
# a comment, a CDATA section (a comment in HTML), any attribute's value (data-note="…"). The text without tags above
# drops a comment holding no < or > as if it were a tag; a compromised unit job hid a withheld paragraph so (round 23).
_COMMENT_OR_CDATA = re.compile(r"<!--(.*?)(?:-->|$)|<!\[CDATA\[(.*?)(?:\]\]>|$)", re.S)
_ATTRIBUTE_VALUE = re.compile(r"""\s[^\s"'<>/=]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _source_only(text: str) -> list[str]:
    if "<!" not in text and "=" not in text:
        return []
    return ["".join(found) for pattern in (_COMMENT_OR_CDATA, _ATTRIBUTE_VALUE) for found in pattern.findall(text)]


# What a browser does not render: a hidden element, a closed dialog, and these elements' content.
_HIDING = re.compile(r"<\s*(?:template|rp|dialog|datalist|noscript)\b|\shidden\b", re.I)
_NOT_RENDERED = frozenset({"template", "rp", "datalist", "noscript", "script", "style", "title"})
_TAG_NAME = re.compile(r"<\s*([A-Za-z][^\s/>]*)")
_WELL_FORMED_TAG = re.compile(r"<(/?)([a-z][^\s/>]*)([^>]*)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def rendered_text(page: str) -> str:
    """The text a browser renders of `page`: parsed as browsers parse HTML (html5ever, through nh3: its
    output is nested and closed as the browser's tree), without the elements it does not render. A piece
    of text inside a hidden element between two pieces of a run shows the run whole to a reader."""
    names = {name.lower() for name in _TAG_NAME.findall(page)} - _NOT_RENDERED
    tree = nh3.clean(page, tags=names, clean_content_tags=set(_NOT_RENDERED), attributes={"*": {"hidden", "open"}},
                     strip_comments=True, link_rel=None)
    kept, open_elements, hidden_from = [], [], None
    at = 0
    for tag in _WELL_FORMED_TAG.finditer(tree):
        closing, name, attributes = tag.groups()
        if hidden_from is None:
            kept.append(tree[at:tag.start()])
        at = tag.end()
        if name in _VOID:
            continue
        if closing:
            if open_elements and open_elements[-1] == name:
                open_elements.pop()
            if hidden_from is not None and len(open_elements) < hidden_from:
                hidden_from = None
        else:
            open_elements.append(name)
            if hidden_from is None and ("hidden" in attributes or name == "dialog" and "open" not in attributes):
                hidden_from = len(open_elements)
    if hidden_from is None:
        kept.append(tree[at:])
    return html.unescape("".join(kept))


def _shown(tag: re.Match) -> str:
    if "=" not in tag.group():
        return ""
    return "\n".join("".join(value) for value in _SHOWN.findall(tag.group().lower()))


class Runs:
    """Passages (normalised) and where each comes from, looked up in other texts."""

    def __init__(self, passages: dict[str, str]) -> None:
        self.passages = [(passage, where) for passage, where in passages.items() if len(passage) >= SHORT]
        self.grams: dict[str, list[int]] = {}
        self.short_grams: dict[str, list[int]] = {}   # the same of the passages shorter than PIECE
        self._short_pattern: re.Pattern | None = None    # them all as one pattern, when there are few
        self.decided: dict[tuple[int, int, int], bool] = {}   # (passage, start, length) → what `allowed` said
        self.decided_texts: dict[str, bool] = {}              # a run → what `allowed` said of it
        # passage → where in it a piece begins → (the longest piece's length, the sources of the texts holding one)
        self.pieces_seen: dict[int, dict[int, dict[str, int]]] = {}   # passage → begin → source → length
        self._lock = threading.Lock()
        for number, (passage, _) in enumerate(self.passages):
            grams = self.grams if len(passage) >= PIECE else self.short_grams
            for start in range(len(passage) - GRAM + 1):
                found = grams.setdefault(passage[start:start + GRAM], [])
                if not found or found[-1] != number:
                    found.append(number)
        shorts = sorted({passage for passage, _ in self.passages if len(passage) < PIECE}, key=len, reverse=True)
        if 0 < len(shorts) <= SHORT_PATTERN_MAX:
            self._short_pattern = re.compile("|".join(map(re.escape, shorts)))
            self._short_numbers = {passage: number for number, (passage, _) in enumerate(self.passages) if len(passage) < PIECE}

    def __bool__(self) -> bool:
        return bool(self.passages)

    def first_run(self, text: str, allowed: Callable[[str], bool], source: str | None = None) -> tuple[str, str] | None:
        """The first run of at least MIN_RUN characters `text` (normalised) shares with a passage and that
        `allowed` (the same function at every call) does not let through, or the pieces of one passage that
        count as its text (above): (the run or the pieces joined, where the passage comes from). Linear in the text whatever it repeats: a run is grown once for each alignment with a passage
        (not again at every STEP inside it), `allowed` is asked once for a stretch of a passage (remembered
        for the next texts), and at most `MAX_ALLOWED` times in all: past that a run is not let through
        (pages made of pieces of boilerplate, to make the merge search the public text for hours)."""
        for written in (text, text[::-1]):
            if found := self._first_run(written, allowed, source):
                return found
        return None

    def spread(self) -> list[tuple[list[str], int, str]]:
        """The passages whose pieces (in the texts `first_run` was given with a source) cover MIN_RUN characters
        of it together, or all of a shorter one, only in several sources: (those sources, sorted; the characters
        covered; where the passage comes from), in the passages' order."""
        found = []
        for number, pieces in sorted(self.pieces_seen.items()):
            passage, where = self.passages[number]
            sources = sorted({source for held in pieces.values() for source in held})
            covered = _covered({begin: "x" * max(held.values()) for begin, held in pieces.items()})
            if len(sources) > 1 and covered >= min(MIN_RUN, len(passage)):
                found.append((sources, covered, where))
        return found

    def _first_run(self, text: str, allowed: Callable[[str], bool], source: str | None) -> tuple[str, str] | None:
        grams = self.grams
        grown_to: dict[tuple[int, int], int] = {}   # (passage, its offset to the text) → where a run grown there ends
        pieces: dict[int, dict[int, str]] = {}      # passage → where in it each piece not let through begins → the piece
        for at in range(0, len(text) - GRAM + 1, STEP):
            gram = text[at:at + GRAM]
            for number in grams.get(gram, ()):
                passage, where = self.passages[number]
                start = passage.find(gram)
                while start >= 0:
                    if grown_to.get((number, start - at), -1) <= at:
                        begin, end = _grown(text, at, passage, start)
                        grown_to[number, start - at] = end
                        run = text[begin:end]
                        if len(run) < PIECE:
                            pass
                        elif len(run) >= min(MIN_RUN, len(passage)):
                            if not self._let_through((number, start - (at - begin), len(run)), run, allowed):
                                return run, where
                        elif not self._let_through((number, start - (at - begin), len(run)), run, allowed):
                            found = pieces.setdefault(number, {})
                            found[start - (at - begin)] = run
                            if source is not None:
                                self._seen(number, start - (at - begin), run, source)
                            if _covered(found) >= min(MIN_RUN, len(passage)):
                                return "…".join(found[offset] for offset in sorted(found)), where
                    start = passage.find(gram, start + 1)
        return self._whole_short(text, allowed)

    def _whole_short(self, text: str, allowed: Callable[[str], bool]) -> tuple[str, str] | None:
        """A passage shorter than PIECE that `text` holds whole and `allowed` does not let through: looked up at every
        position (one of its slices begins at each), in the index of the short passages only."""
        if not self.short_grams:
            return None
        if self._short_pattern is not None:   # a few: found by the regular expression engine, not a loop over positions
            at = 0
            while match := self._short_pattern.search(text, at):
                number = self._short_numbers[match.group()]
                if not self._let_through((number, 0, len(match.group())), match.group(), allowed):
                    return self.passages[number]
                at = match.start() + 1   # one let through: another may begin inside it
            return None
        short_grams = self.short_grams
        for at in range(len(text) - GRAM + 1):
            gram = text[at:at + GRAM]
            for number in short_grams.get(gram, ()):
                passage, where = self.passages[number]
                held = any(text.startswith(passage, at - offset) for offset in range(len(passage) - GRAM + 1)
                           if at >= offset and passage.startswith(gram, offset))
                if held and not self._let_through((number, 0, len(passage)), passage, allowed):
                    return passage, where
        return None

    def _seen(self, number: int, begin: int, piece: str, source: str) -> None:
        """Record a piece for `spread` (whatever order the threads read the files in, the same record)."""
        with self._lock:
            pieces = self.pieces_seen.setdefault(number, {})
            if begin not in pieces and len(pieces) >= MAX_PIECES_SEEN:
                return
            held = pieces.setdefault(begin, {})
            held[source] = max(held.get(source, 0), len(piece))

    def forget_pieces(self) -> None:
        """Before a merge reads the files again: the pieces of the last one are no longer there."""
        with self._lock:
            self.pieces_seen.clear()

    def pieces_record(self) -> list[list]:
        """The pieces seen, as [the passage's key, where in it, how long, the source]: kept by a merge for the
        next one, which does not read again the files it trusts (`restore_pieces`)."""
        keys = [passage_key(passage) for passage, _ in self.passages]
        return sorted([keys[number], begin, length, source] for number, pieces in self.pieces_seen.items()
                      for begin, held in pieces.items() for source, length in held.items())

    def restore_pieces(self, record: list) -> None:
        """Pieces a previous merge saw (`pieces_record`), for the passages still withheld."""
        numbers = {passage_key(passage): number for number, (passage, _) in enumerate(self.passages)}
        for key, begin, length, source in record:
            if isinstance(key, str) and key in numbers and isinstance(begin, int) and isinstance(length, int) \
                    and isinstance(source, str) and 0 <= length <= MIN_RUN:
                self._seen(numbers[key], begin, "x" * length, source)

    def _let_through(self, stretch: tuple[int, int, int], run: str, allowed: Callable[[str], bool]) -> bool:
        """`allowed(run)`, asked once for a stretch of a passage and once for a text (boilerplate that a thousand
        withheld letters share is one question, not a thousand: past MAX_ALLOWED a run is not let through)."""
        if (decided := self.decided.get(stretch)) is not None:
            return decided
        if (decided := self.decided_texts.get(run)) is None:
            if len(self.decided_texts) >= MAX_ALLOWED:
                return False
            self.decided_texts[run] = decided = allowed(run)
        self.decided[stretch] = decided
        return decided


def passage_key(passage: str) -> str:
    """A passage named without its text (a merge's record is no place for a withheld body)."""
    return hashlib.sha256(passage.encode("utf-8")).hexdigest()[:20]


def _covered(pieces: dict[int, str]) -> int:
    """How many characters of a passage its pieces (where each begins → the piece) cover together."""
    covered, reached = 0, 0
    for begin in sorted(pieces):
        end = begin + len(pieces[begin])
        if end > reached:
            covered += end - max(begin, reached)
            reached = end
    return covered


def _grown(text: str, at: int, passage: str, start: int) -> tuple[int, int]:
    """Where in `text` the common run of `text` and `passage` through their equal slices at `at` and `start` lies."""
    before = 0
    while at - before > 0 and start - before > 0 and text[at - before - 1] == passage[start - before - 1]:
        before += 1
    after = GRAM
    while at + after < len(text) and start + after < len(passage) and text[at + after] == passage[start + after]:
        after += 1
    return at - before, at + after

"""How search sees text: the same folding and tokens at build time (here) and in the browser
(`overrides/assets/javascripts/disclosure/search-worker.js`). The worker builds its regular
expressions and constants from `worker_rules()`, which the index's manifest carries: the
patterns below are written once, in syntax that means the same in Python and JavaScript.

- Folding: NFKC (full-width to half-width), lower case, traditional to simplified characters.
- Han text becomes overlapping character bigrams, so that any 2-, 3- or 4-character word and
  any phrase cut from the middle of a sentence matches, whatever a segmenter would have done.
- Latin letters and digits become whole runs (2019, 63, ex0001); everything else separates.
- Build-time extras: jieba words (with the domain dictionary) of titles and other metadata,
  and exact tokens for 发文字号 and 索引号, so that whole words and numbers rank first.
"""

from __future__ import annotations

import functools
import marshal
import re
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

from ..content.fields import doc_no_parts
from ..text.chinese import HAN, SegmenterUnavailable, fold, traditional_to_simplified
from ..text.search_dictionary import dictionary_problem

# Character classes (their bodies) and patterns shared with the browser. \d and \s mean other
# characters in JavaScript than in Python (Arabic-Indic digits; U+001C-001F, U+0085, U+FEFF),
# so the classes are spelt out: white space is what either language counts as such.
LATIN = "a-z0-9"                                          # folded Latin letters and digits
SPACE = r"\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACES = rf"[{SPACE}]+"
DOC_NO_YEAR_NUMBER = rf"([0-9]{{4}})[^0-9]{{0,3}}?([0-9]{{1,6}})[{SPACE}]*号"   # 〔2019〕63号, 公告2024年第1号
DOC_NO_NUMBER = rf"([0-9]{{1,6}})[{SPACE}]*号"                                 # 63号, 令第707号
_RUNS = re.compile(rf"([{HAN}]+)|([{LATIN}]+)")
_DOC_NO_NUMBERS = re.compile(DOC_NO_YEAR_NUMBER)
_HAN_ONLY = re.compile(rf"[{HAN}]+$")
_HAN_PAIRS = re.compile(rf"(?=([{HAN}]{{2}}))")   # every pair of neighbouring Han characters, overlapping
_LONE_HAN_OR_WORD = re.compile(rf"(?<![{HAN}])[{HAN}](?![{HAN}])|[{LATIN}]+")
_DOC_NO_NUMBER = re.compile(DOC_NO_NUMBER)
_HAN_WORD = re.compile(rf"[{HAN}]{{3,}}")
_SPACES = re.compile(SPACES)
_LATIN_RUN = re.compile(rf"[{LATIN}]+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+([0-9]+)")   # 007 as int() writes it: 7 (a no: token's number)
_HAN_PAIR_ACROSS_SPACES = re.compile(rf"(?=([{HAN}]){SPACES}([{HAN}]))")
_RUNS_ACROSS_SPACES = re.compile(rf"[{LATIN}]+(?:{SPACES}[{LATIN}]+)+")
NO_JIEBA = "未安装 jieba 分词组件，中文无法分词，搜索索引不能生成；请重新安装依赖（make site）"
MAX_HAN_TOKEN = 8          # a longer Han token means text went in unsegmented
MIN_WORD = 3               # jieba words shorter than this are already bigrams
DOC_NO_PREFIX = "no:"      # no:2019:63 — year and number of a 发文字号; no::63 — the number alone
EXACT_PREFIX = "eq:"       # eq:ex0001/2024-00004 — a whole 索引号 or 发文字号


def worker_rules() -> dict:
    """What search-worker.js needs to fold and tokenise a query as this module does (in the manifest)."""
    return {"han": HAN, "latin": LATIN, "doc_no": DOC_NO_YEAR_NUMBER, "doc_number": DOC_NO_NUMBER, "spaces": SPACES,
            "no": DOC_NO_PREFIX, "eq": EXACT_PREFIX, "min_word": MIN_WORD, "max_han_token": MAX_HAN_TOKEN}


def tokens(text: str) -> list[str]:
    """Index and query tokens of already folded text: Han bigrams (or a lone character), Latin/digit runs."""
    found: list[str] = []
    for han, word in _RUNS.findall(text):
        if word:
            found.append(word)
        elif len(han) == 1:
            found.append(han)
        else:
            found.extend(map(str.__add__, han, han[1:]))
    return found


def token_counts(text: str) -> Counter:
    """Counter(tokens(text)), computed at C speed for long bodies.

    The Han pairs found by one regular expression (a lookahead, so they overlap), in the order of
    their first place as `tokens` gives them: a tenth of the time of walking runs in Python, and
    a quarter less than pairing every two characters and dropping the pairs that are not Han.
    """
    counts = Counter(_HAN_PAIRS.findall(text))
    counts.update(_LONE_HAN_OR_WORD.findall(text))
    return counts


def shown_words(text: str) -> set[str]:
    """The pieces of every token an index built from `text` (what readers are shown) could hold: its Han bigrams
    and single characters, Latin and digit runs (a number also without its leading zeros, as a 文号's no: token
    writes it), and the same with white space removed (an exact 索引号 or 文号 token is written without it)."""
    folded = fold(text)
    words = set(_HAN_PAIRS.findall(folded))   # sets at C speed: a tenth of the time of counting (token_counts)
    words.update(folded)   # its characters (a lone Han one is a token), at C speed
    words.update(_LATIN_RUN.findall(folded))
    words.update(_LEADING_ZEROS.findall(folded))
    words.update(map("".join, _HAN_PAIR_ACROSS_SPACES.findall(folded)))
    words.update(_SPACES.sub("", run) for run in _RUNS_ACROSS_SPACES.findall(folded))
    return words


def token_pieces(token: str) -> list[str]:
    """The pieces of an index token (its bigrams, characters, runs), as `shown_words` finds them in a text."""
    body = token[len(EXACT_PREFIX):] if token.startswith(EXACT_PREFIX) else token.removeprefix(DOC_NO_PREFIX)
    return tokens(body)


def doc_no_tokens(doc_no: str) -> list[str]:
    """``no:YYYY:N``, ``no::N`` and the exact 发文字号, for a number typed as 〔2019〕63号, 63号 or in full.

    A joint document's every number counts (示应急〔2024〕1号 示财〔2024〕3号: each issuer's), and
    令/公告 numbers too (国令第707号: ``no::707``; 公告2024年第1号: ``no:2024:1``).
    """
    folded = fold(doc_no)
    parts = [fold(part) for part in doc_no_parts(doc_no)]
    found = [exact_folded(folded)] + doc_number_tokens(folded)
    for part in parts if len(parts) > 1 else ():
        found += [exact_folded(part)] + doc_number_tokens(part)
    return list(dict.fromkeys(found))


def doc_number_tokens(folded: str) -> list[str]:
    """``no:YYYY:N`` and ``no::N`` of the first 文号 number in folded text (a document's or a query's)."""
    found = []
    match = _DOC_NO_NUMBERS.search(folded)
    if match:
        found.append(f"{DOC_NO_PREFIX}{match.group(1)}:{int(match.group(2))}")
    number = _DOC_NO_NUMBER.search(folded)
    if number:
        found.append(f"{DOC_NO_PREFIX}:{int(number.group(1))}")
    return found


def query_words(query: str) -> list[str]:
    """A query's words: what white space separates (as the browser splits it)."""
    return [word for word in _SPACES.split(query) if word]


def exact_folded(folded: str) -> str:
    """The token of a whole value (索引号, 发文字号, a whole query), white space removed."""
    return EXACT_PREFIX + _SPACES.sub("", folded)


def exact_token(value: str) -> str:
    return exact_folded(fold(value))


def _load_cached_dictionary(tokenizer) -> None:
    """Load jieba's own cache of its default dictionary in one read, if it is there and whole.

    jieba unmarshals the cache straight from the open file, one small read per word: 0.6 s of
    every build's index process, which for a small site is most of the build. The same bytes read
    at once take a third of that. Same file, same contents (so the same words and the same index);
    anything unexpected is left to jieba, which builds the cache as it always does.
    """
    if tokenizer.dictionary is not None or tokenizer.cache_file:
        return  # not the default dictionary: jieba's own path
    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    loaded = _DEFAULT_DICTIONARY.get(cache)
    if loaded is None:
        try:
            freq, total = marshal.loads(cache.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if not (isinstance(freq, dict) and isinstance(total, int) and freq):
            return
        loaded = _DEFAULT_DICTIONARY.setdefault(cache, (freq, total))
    freq, total = loaded
    # A copy: each tokenizer adds the agency's words to its own (the same words for every site).
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True


# jieba's default dictionary as read from its cache file, once per process (a process that reads it before it
# forks, such as the test suite's build server, hands it to every build it forks).
_DEFAULT_DICTIONARY: dict[Path, tuple[dict, int]] = {}


def read_default_dictionary() -> None:
    """Read jieba's default dictionary now (see `_load_cached_dictionary`), if jieba is installed; without its cache
    file yet, jieba builds the dictionary and writes the file first."""
    try:
        import jieba
    except ImportError:
        return
    tokenizer = jieba.Tokenizer()
    _load_cached_dictionary(tokenizer)
    if not tokenizer.initialized:
        jieba.setLogLevel(60)
        tokenizer.initialize()
        _load_cached_dictionary(jieba.Tokenizer())


def han_words(folded: str) -> list[str]:
    """Whole Han runs of 3 to 8 characters (机关代字, 发布机构, 主题, a typed word)."""
    return [run for run in _HAN_WORD.findall(folded) if MIN_WORD <= len(run) <= MAX_HAN_TOKEN]


class Segmenter:
    """jieba with the domain dictionary, the agency's own words and the editors' dictionary."""

    def __init__(self, extra_words: list[str], user_dictionary: Path | None = None):
        try:
            import jieba
        except ImportError as error:
            raise SegmenterUnavailable(NO_JIEBA) from error
        jieba.setLogLevel(60)  # its progress lines would drown the coded output
        self._jieba = jieba.Tokenizer()
        _load_cached_dictionary(self._jieba)
        self._jieba.load_userdict(str(resources.files("disclosure.search") / "data" / "gov-dict.txt"))
        if user_dictionary and user_dictionary.is_file():
            self._jieba.load_userdict(str(user_dictionary))
        for word in extra_words:
            if word:
                self._jieba.add_word(fold(word), freq=2000)
        # The agency's name, 发布机构 and 主题 come back in every document: each Han run is cut once (jieba's cutting
        # was a tenth of the index process). The dictionary does not change from here on, nor do a run's words.
        self._run_words = functools.lru_cache(maxsize=1 << 16)(self._cut)

    @staticmethod
    def check_dictionary(path: Path | None) -> None:
        """The editors' dictionary as jieba reads it (`dictionary_problem`): SegmenterUnavailable with the fix."""
        if not path or not path.is_file():
            return
        if problem := dictionary_problem(path):
            raise SegmenterUnavailable(problem[1])

    @staticmethod
    def require() -> None:
        """Raise SegmenterUnavailable unless jieba and the folding table can be loaded."""
        import importlib.util
        if importlib.util.find_spec("jieba") is None:
            raise SegmenterUnavailable(NO_JIEBA)
        try:
            import jieba  # noqa: F401  (a broken install must fail here too)
        except ImportError as error:
            raise SegmenterUnavailable(NO_JIEBA.replace("未安装", "无法加载")) from error
        traditional_to_simplified()

    def words(self, folded: str) -> list[str]:
        """Whole words of three or more characters (shorter ones are bigrams already)."""
        found = []
        for han, _ in _RUNS.findall(folded):
            if len(han) >= MIN_WORD:
                found.extend(self._run_words(han))
        return found

    def _cut(self, han: str) -> tuple[str, ...]:
        """jieba's words of one Han run (`_run_words`: each run cut once per segmenter)."""
        return tuple(w for w in self._jieba.cut_for_search(han) if MIN_WORD <= len(w) <= MAX_HAN_TOKEN)


def check_segmented(all_tokens: list[str]) -> None:
    """Fail loudly when a Han token is too long to come from the tokenizer: text was not segmented."""
    if max(map(len, all_tokens), default=0) <= MAX_HAN_TOKEN:
        return   # nearly always: no token is long (a test at C speed)
    for token in all_tokens:
        if len(token) > MAX_HAN_TOKEN and _HAN_ONLY.match(token):
            raise SegmenterUnavailable(f"检测到未分词的中文文本“{token[:12]}…”，搜索索引不能生成")

"""How search sees text: folding and tokens, the same at build time and in the browser."""

import re
import unicodedata
from collections import Counter

from hypothesis import given, settings, strategies as st

from disclosure.search.text import doc_no_tokens, token_counts, tokens
from disclosure.text.chinese import HAN, fold, nfkc

# Han, Latin, digits, punctuation and spaces, as they mix in a 发文字号 or a sentence.
HAN_CHARACTER = re.compile(f"[{HAN}]")
TEXT = st.text(alphabet=st.sampled_from(list("政务公开应急管理局隐患排查〇㐀丽abcXY0129〔〕（）、。，号 \n-/")), max_size=80)


def test_folding_makes_traditional_full_width_and_upper_case_equal():
    assert fold("應急避難場所") == fold("应急避难场所") == "应急避难场所"
    assert fold("ＥＸ０００１／２０２４") == "ex0001/2024"


def test_tokens_are_bigrams_lone_characters_and_latin_runs():
    assert tokens(fold("政务公开 63号 EX0001")) == ["政务", "务公", "公开", "63", "号", "ex0001"]


def test_a_doc_no_gives_year_number_and_number_alone():
    found = doc_no_tokens("辽煤管办〔2019〕63号")
    assert "no:2019:63" in found and "no::63" in found and "eq:辽煤管办〔2019〕63号" in found


@settings(max_examples=200)
@given(TEXT)
def test_fast_body_counting_equals_the_token_list(text):
    """The same counts, and in the same order (the order tokens get their ids in the index): the Han pairs
    by their first place, then lone Han characters and Latin runs."""
    folded = fold(text)
    assert token_counts(folded) == Counter(tokens(folded))
    pairs = [token for token in tokens(folded) if len(token) == 2 and all(HAN_CHARACTER.match(c) for c in token)]
    expected = Counter(pairs)
    expected.update(token for token in tokens(folded) if token not in set(pairs))
    assert list(token_counts(folded).items()) == list(expected.items())


def test_the_segmenter_reads_jiebas_dictionary_cache_as_jieba_would(tmp_path, monkeypatch):
    """The cache is read in one piece (faster than jieba's own read); a damaged one is left to jieba."""
    import jieba
    import tempfile

    from disclosure.search.text import _load_cached_dictionary
    ours, own = jieba.Tokenizer(), jieba.Tokenizer()
    own.initialize()                             # jieba's cache (written now if missing), read by jieba
    _load_cached_dictionary(ours)                # the same cache read by the segmenter's loader
    assert ours.initialized and (ours.FREQ, ours.total) == (own.FREQ, own.total)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "jieba.cache").write_bytes(b"\x00not a cache")
    damaged = jieba.Tokenizer()
    _load_cached_dictionary(damaged)
    assert not damaged.initialized               # jieba builds the dictionary itself when first used


def test_the_index_process_segments_with_jieba_imported_its_own_way(tmp_path):
    """The index process imports jieba without pkg_resources; jieba then opens its dictionary by path
    (here with no cache at all, so it reads dict.txt) and segments as usual."""
    import subprocess
    import sys
    code = ("import sys, tempfile; tempfile.tempdir = sys.argv[1]\n"
            "from disclosure.search.background import _import_jieba_alone\n"
            "_import_jieba_alone()\n"
            "assert 'pkg_resources' not in sys.modules\n"
            "from disclosure.search.text import Segmenter\n"
            "from disclosure.text.chinese import fold\n"
            "print(Segmenter([]).words(fold('关于进一步加强政府信息公开工作的通知')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['进一步', '政府信息公开']"
    assert (tmp_path / "jieba.cache").is_file()


_NFKC_ALPHABET = ("正文，：；（）、。“”…—①㈠㎡℃ⅣＡａ０％　\u00a0\u00b2\u00bd\u2002\u2024\u2025\u3099\u309a\uff9e\uff9fｶﾊ"
                  "\u0301\u0308\u0323\u0338\u1100\u1161\u11a8한ﬁÅA=<>-e5ΩΚ\u212b\u2126\ufe52\ufe59\ufb00\U0001d400")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(_NFKC_ALPHABET), st.characters()), max_size=12))
def test_nfkc_with_compatibility_forms_written_out_first_is_nfkc(text):
    """text/chinese.py `nfkc` writes full-width forms and the like out before Python's NFKC (which then takes its
    quick way): the same text as NFKC of the text as it was, with combining marks, Hangul and kana around them."""
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_of_every_character_is_nfkc():
    for code in range(0x110000):
        if not 0xD800 <= code <= 0xDFFF:
            character = chr(code)
            assert nfkc(character) == unicodedata.normalize("NFKC", character), hex(code)


def test_a_segmenters_words_stay_the_same_when_a_run_comes_back():
    """search/text.py cuts each Han run once per segmenter: a title's words are jieba's on its first and every later
    turn, whatever came between (the words handed out are the caller's own list)."""
    from disclosure.search.text import Segmenter
    segmenter = Segmenter([], None)
    title = fold("示例市应急管理局关于印发防汛抗旱应急预案的通知")
    first = segmenter.words(title)
    expected = [word for word in segmenter._jieba.cut_for_search(title) if 3 <= len(word) <= 8]
    first.append("改动")
    segmenter.words(fold("示例市应急管理局2024年政府信息公开工作年度报告"))
    assert segmenter.words(title) == expected == ["应急管理", "应急预案"]

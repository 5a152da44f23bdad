"""How search sees text: folding and tokens, the same at build time and in the browser."""

from collections import Counter

from hypothesis import given, settings, strategies as st

from disclosure.search.text import doc_no_tokens, token_counts, tokens
from disclosure.text.chinese import fold

# Han, Latin, digits, punctuation and spaces, as they mix in a 发文字号 or a sentence.
TEXT = st.text(alphabet=st.sampled_from(list("政务公开应急管理局隐患排查〇㐀丽abcXY0129〔〕（）、。，号 \n-/")), max_size=80)


def test_folding_makes_traditional_full_width_and_upper_case_equal():
    assert fold("應急避難場所") == fold("应急避难场所") == "应急避难场所"
    assert fold("ＥＸ０００１／２０２４") == "ex0001/2024"


def test_tokens_are_bigrams_lone_characters_and_latin_runs():
    assert tokens(fold("政务公开 63号 EX0001")) == ["政务", "务公", "公开", "63", "号", "ex0001"]


def test_a_doc_no_gives_year_number_and_number_alone():
    found = doc_no_tokens("辽煤管办〔2019〕63号")
    assert "no:2019:63" in found and "no::63" in found and "eq:辽煤管办〔2019〕63号" in found


@settings(max_examples=400)
@given(TEXT)
def test_fast_body_counting_equals_the_token_list(text):
    folded = fold(text)
    assert token_counts(folded) == Counter(tokens(folded))

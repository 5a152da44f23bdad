"""Round thirty-two (c): a sweep for reading that grew per line or per page in rounds 30b–31b (issue 26: speed with
the whole gate on).

Fixed —
- (text/markup.py `lines_joined_by_inline_syntax`) the reading of digits joined by a link's or caret/mark's marks
  read every line of any body holding a `[` (nearly every page: a link to its attachment) for a fence, a digit and a
  mark. A body with no fence is read from where its marks are; the lines it reads again are the same (these tests:
  a body with and without a fence, marks on many lines, `==` and `++` beside `=` and `+`).
"""

from disclosure.text.markup import lines_joined_by_inline_syntax

_BODY = "\n".join([
    "附件：[2024年第3号通知附件](files/a.pdf)",
    "联系电话1380013[8000](#x)，",
    "没有标记的第3行",
    "138^^0013^^8000 与 ==1380013==8000",
    "a = 1 + 2",
    "1380013++8++000",
    "[8000]",
    "",
    "[8000]: #x",
])
_EXPECTED = [(1, "附件：2024年第3号通知附件"), (2, "联系电话13800138000，"), (4, "13800138000 与 13800138000"),
             (6, "13800138000"), (7, "8000")]


def test_a_body_without_a_fence_is_read_where_its_marks_are():
    assert lines_joined_by_inline_syntax(_BODY) == _EXPECTED


def test_a_fenced_block_keeps_its_marks_and_the_lines_after_it_count_on():
    fenced = "```\n1380013[8000](#x)\n```\n" + _BODY
    assert lines_joined_by_inline_syntax(fenced) == [(line + 3, shown) for line, shown in _EXPECTED]
    assert lines_joined_by_inline_syntax("\u3000~~~\n1380013==8==000\n~~~\n1380013==8==000") == [(4, "13800138000")]


def test_a_body_with_no_mark_or_only_half_a_mark_gives_none():
    assert lines_joined_by_inline_syntax("第1行\n第2行 = 3 + 4\n") == []
    assert lines_joined_by_inline_syntax("") == []

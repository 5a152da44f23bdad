"""Round thirty-two (c): a sweep for reading that grew per line or per page in rounds 30b–31b (issue 26: speed with
the whole gate on).

Fixed —
- (text/markup.py `lines_joined_by_inline_syntax`) the reading of digits joined by a link's or caret/mark's marks
  read every line of any body holding a `[` (nearly every page: a link to its attachment) for a fence, a digit and a
  mark. A body with no fence is read from where its marks are; the lines it reads again are the same (these tests:
  a body with and without a fence, marks on many lines, `==` and `++` beside `=` and `+`).
- (text/html_text.py `touching_cell_gaps`, `TouchingCells`) rounds 30e and 31a made reading a table's tags a third
  slower where no cells touch (every table with a border, and the build's reader meets every tag of every page): an
  empty list of comments was searched for each tag, and each ending tag built a tuple to look itself up in. Both are
  looked at only where there is something to find; the stretches read are the same (these tests).
"""

from disclosure.privacy.numbers import _cells_shown
from disclosure.text.html_text import cells_joined_text
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


_TOUCHING = '<td style="padding:0">'


def test_a_comment_between_touching_cells_is_no_cell_and_an_empty_cell_reaches_no_next_row():
    commented = f"<table><tr>{_TOUCHING}1380013</td><!-- <td>x</td> -->{_TOUCHING}8000</td></tr></table>"
    assert _cells_shown(commented)[0] == f"<table><tr>{_TOUCHING}13800138000</td></tr></table>"
    assert cells_joined_text(commented).strip() == "13800138000"
    emptied = f"<table><tr>{_TOUCHING}序号1</td>{_TOUCHING}</td></tr><tr><td>3800138000</td></tr></table>"
    assert _cells_shown(emptied)[0] == f"<table><tr>{_TOUCHING}序号1</td></tr><tr><td>3800138000</td></tr></table>"
    assert cells_joined_text(emptied).split() == ["序号1", "3800138000"]


def test_cells_a_border_keeps_apart_are_read_as_written():
    bordered = '<table border="1"><tr><td>1380013</td><td>8000</td></tr></table>'
    assert _cells_shown(bordered) is None and cells_joined_text(bordered) is None

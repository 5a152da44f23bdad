"""Reading hostile or odd text never raises; it reports."""

import pytest

from disclosure.content.yamlsource import MAX_FILE_BYTES, decode_text, load_yaml


def test_alias_bomb_is_read_without_exploding():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    result = load_yaml("\n".join(lines), "bomb.yaml")
    assert result.diagnostics == [] and "a11" in result.data


def test_dates_stay_text_so_rules_can_explain_them():
    result = load_yaml("published: 2024-02-30\nissued: 2024-01-05\n", "x")
    assert result.data == {"published": "2024-02-30", "issued": "2024-01-05"}


def test_lines_are_offset_for_front_matter():
    result = load_yaml("title: a\nattachments:\n  - file: x\n", "x", line_offset=1)
    assert result.lines.line("attachments", 0, "file") == 4
    assert result.lines.line("nothing") == 1


def test_huge_file_is_refused_with_the_limit():
    text, problems = decode_text(b"a" * (MAX_FILE_BYTES + 1), "big.md")
    assert text is None and problems[0].code == "E100" and "MB" in problems[0].message


def test_invalid_utf8_names_the_line():
    text, problems = decode_text("第一行\n第二行\n".encode("utf-8") + b"\xff\xfe bad", "x.md")
    assert text is None and problems[0].line == 3


def test_tabs_and_unicode_errors_in_yaml_are_e100():
    for bad in ["title:\t[", "a: b: c", "? [a\n", "title: !!python/object:os.system ls"]:
        result = load_yaml(bad, "x")
        assert [d.code for d in result.diagnostics] == ["E100"], bad


@pytest.mark.parametrize("text,line,hint", [
    ("title：关于某事的通知\ntype: notice\n", 1, "中文冒号"),
    ("title: 通知\ntype:notice\nindex_no: X\n", 2, "冒号后缺少空格"),
    ("title: 通知\n\ttype: notice\n", 2, "Tab"),
    ("title: 通知\nsummary: \"未闭合\n", 2, "引号或括号没有闭合"),
    ("title: 通知\nsummary: 时间: 上午\n", 2, "英文引号"),
])
def test_hand_typing_mistakes_get_the_line_and_the_fix_in_chinese(text, line, hint):
    result = load_yaml(text, "a.md")
    assert [(d.line, d.code) for d in result.diagnostics] == [(line, "E100")]
    assert hint in result.diagnostics[0].message
    assert not any(word in result.diagnostics[0].message for word in ("mapping", "expected", "found"))

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


# Front matter an editor may write, and YAML's corners: every one must read as PyYAML's own construction reads it.
_CONSTRUCTION_CASES = [
    "title: 关于……的通知\ntopics:\n- 安全生产\n- 应急\nattachments:\n- file: a.pdf\n  title: 附件\n",
    "a: 1\nb: [1, 2.5, -3]\nc: {d: e}\nd: null\ne: ~\nf: yes\ng: On\nh: !!int 1_000\ni: !!int 017\nj: &n !!int 0o17\n",
    "a: 1_000\nb: 0o17\nc: 017\nd: 1:30\ne: .nan\nf: -.inf\ng: 1e3\n",   # compared below: kept as written
    "a: 1\na: 2\nb: 3\n",                    # the last of two equal keys, at the first one's place
    "a: &x [1, 2]\nb: *x\n",                   # one list shared: the checks walk it once
    "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",   # a merge key
    "=: 3\n", "? [1]\n: 2\n", "1: a\ntrue: b\n~: c\n1.5: d\n",
    "a: !!str 123\nb: !!int '7'\nc: !!float 1\nd: !!null ''\ne: !!bool yes\n",
    "a: !!bool maybe\n", "a: !!int abc\n", "a: !foo x\n", "a: !!set {x, y}\n", "a: !!omap [x: 1]\n",
    "a: !!binary aGVsbG8=\n", "a: !!timestamp 2024-01-01\n", "a: 2024-02-30\n", "- a\n- b: c\n", "x\n", "",
    "a: " + "[" * 300 + "]" * 300 + "\n",
]


@pytest.mark.parametrize("text", _CONSTRUCTION_CASES)
def test_front_matter_is_built_as_pyyaml_builds_it(text):
    """`_constructed` builds plain trees itself (a fifth of the cost) and leaves the rest to PyYAML: the same data,
    the same objects shared, the same error."""
    from disclosure.content import yamlsource

    def built(construct):
        loader = yamlsource._Loader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else construct(loader, node)
            shared = data is not None and isinstance(data, dict) and len({id(v) for v in data.values()}) < len(data)
            return "data", repr(data), shared
        except Exception as error:  # noqa: BLE001 - the error itself is compared
            return "error", type(error).__name__, str(error)
        finally:
            loader.dispose()

    ours, pyyaml = built(yamlsource._constructed), built(lambda loader, node: loader.construct_document(node))
    assert ours == (_as_written(text) if text in _WRITTEN_OTHERWISE else pyyaml)


# Numbers YAML 1.1 reads otherwise than written (round 28a: a postcode 050000 printed as 20480): kept as the text.
_WRITTEN_OTHERWISE = {"a: 1_000\nb: 0o17\nc: 017\nd: 1:30\ne: .nan\nf: -.inf\ng: 1e3\n"}


def _as_written(text: str) -> tuple:
    data = dict(line.split(": ", 1) for line in text.splitlines())
    return "data", repr(data), False

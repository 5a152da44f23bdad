"""Reading editor-written text files safely, keeping the line of every YAML key.

Editors save files from Notepad, WPS and web forms: a BOM, CRLF line ends and GBK bytes
are all common. Every failure here becomes an E100 diagnostic, never an exception.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..codes import E100, E102
from ..codes.diagnostics import Diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser is ten times faster
    """SafeLoader that keeps dates as text.

    PyYAML turns ``2019-02-30`` into a Python exception and ``2019-08-05`` into a date; we
    want both as strings so that the rules can say, in Chinese and with the line, what is wrong.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        # What `_untagged_plain` reads a node's tag in; libyaml's columns do not count a byte-order mark.
        self.written = stream.removeprefix("\ufeff") if isinstance(stream, str) else None


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path = tuple  # a path into the YAML tree: ("types", "policy", "fields")


@dataclass
class LineMap:
    """The 1-based line of every key and list item of a YAML tree, by its path."""

    offset: int = 0
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int:
        """The line of the deepest known key of `path`; 1 (the file) when no key fits."""
        while path:
            if path in self.lines:
                return self.lines[path] + self.offset
            path = path[:-1]
        return 1


@dataclass
class YamlResult:
    data: Any = None
    lines: LineMap = field(default_factory=LineMap)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def decode_text(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Text of a file as the editor meant it: BOM removed, line ends made LF."""
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / 1024 / 1024:.1f} MB"
        limit = f"{MAX_FILE_BYTES // 1024 // 1024} MB"
        return None, [E100.at(path, 1, f"文件过大（{size}，上限 {limit}）；正文请精简，大文件请作为附件（attachments）发布")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [E100.at(path, line, _not_utf8_message(raw, error.start))]
    if "\x00" in text:
        return None, [E100.at(path, 1, "文件含有空字节（NUL），不是文本文件；请用文本编辑器另存为 UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _not_utf8_message(raw: bytes, offset: int) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return f"文件不是 UTF-8 编码（第 {offset + 1} 字节无法识别）；请用编辑器“另存为 UTF-8”"
    return "文件是 GBK/GB18030 编码，不是 UTF-8；请用编辑器“另存为”并选择 UTF-8 编码"


def load_yaml(text: str, path: str, line_offset: int = 0) -> YamlResult:
    """Parse one YAML document, recording the line of every key.

    `line_offset` is added to every line, for YAML that starts below line 1 of its file.
    """
    result = YamlResult(lines=LineMap(offset=line_offset))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            duplicates: list[tuple[int, str, int]] = []
            _walk(node, (), result.lines.lines, duplicates, set())
            result.diagnostics += [
                E102.at(path, line + line_offset, f"字段 {key} 重复出现（第 {first + line_offset} 行已有）；请删除其中一个")
                for line, key, first in duplicates
            ]
            result.data = _constructed(loader, node)
    except yaml.MarkedYAMLError as error:
        line, message = yaml_error_at(text, error)
        result.diagnostics.append(E100.at(path, line + line_offset, f"文件头格式错误：{message}"))
    except CONSTRUCTOR_FAILURES as error:
        result.diagnostics.append(E100.at(path, _first_tag_line(text) + line_offset, _unconstructed(error)))
    except (yaml.YAMLError, RecursionError) as error:
        result.diagnostics.append(E100.at(path, 1 + line_offset, f"YAML 无法解析（{type(error).__name__}）；请检查格式"))
    finally:
        loader.dispose()
    return result


# What PyYAML's constructors raise for a value its tag does not fit: `!!int 五` ValueError, `!!bool maybe` KeyError,
# `!!timestamp 2024-03-05x` AttributeError (round 31a: the check ended in 内部错误 and the build in a traceback);
# MkDocs' own reading of the front matter fails on them too and publishes it as the page's text.
CONSTRUCTOR_FAILURES = (ValueError, TypeError, KeyError, AttributeError, OverflowError)
# The tags whose constructors raise them (a value written for another type: a date naming no day, !!bool maybe).
_MADE_TAGS = tuple(f"tag:yaml.org,2002:{name}" for name in ("timestamp", "bool", "int", "float"))


def _first_tag_line(text: str) -> int:
    """The line of the first `!!` tag written in `text` (the value PyYAML could not make), else 1."""
    return next((number for number, line in enumerate(text.split("\n"), start=1) if "!!" in line), 1)


def _unconstructed(error: Exception) -> str:
    """In a front matter or catalogue.yaml alike (MkDocs, reading a page's front matter, reads none of it)."""
    return (f"有值无法按 YAML 读出（{type(error).__name__}，常见原因：!!int、!!bool、!!timestamp 等类型标记与值不符，"
            "或日期不存在）：MkDocs 读到这样的文件头会整个读不出，把它当作正文发布；请删去类型标记（!!…），或改正这个值")


def yaml_error_at(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to fix and what is wrong there with its fix, in Chinese, for PyYAML's `error` reading `text`."""
    # "while scanning a quoted scalar" marks where the unclosed quote opens: the line to fix.
    scanning = error.context and error.context.startswith("while scanning") and error.context_mark
    mark = error.context_mark if scanning else error.problem_mark or error.context_mark
    return editor_mistake(text) or ((mark.line + 1) if mark else 1, _explain(error))


_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
_PLAIN_SCALARS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))


class _Unusual(Exception):
    """A tree `_construct` leaves to PyYAML's own construction."""


def _constructed(loader: _Loader, node: yaml.Node) -> Any:
    """What `loader.construct_document(node)` returns. Front matter is mappings, lists and plain scalars: built
    directly, they cost a fifth of PyYAML's generic construction (its generators, bookkeeping of every node for
    anchors, a Python call per node). Anything else — an alias (PyYAML shares one object), a merge key, another
    tag, a value its constructor refuses — is built by PyYAML itself from the start, so the data and any error are
    exactly its own."""
    try:
        return _construct(loader, node, set())
    except Exception:  # noqa: BLE001 - unusual or refused: PyYAML's construction decides, its error included
        return loader.construct_document(node)


def _construct(loader: _Loader, node: yaml.Node, seen: set) -> Any:
    """The node's value as PyYAML's SafeConstructor makes it (same types, same key order, the last of equal keys)."""
    if id(node) in seen:
        raise _Unusual("alias")
    seen.add(id(node))
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag in _PLAIN_SCALARS:
            return loader.yaml_constructors[tag](loader, node)   # a number as written: _number_as_written
    elif kind is yaml.MappingNode and tag == _MAP:
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:   # merge (<<) and value (=) keys carry tags of their own
                raise _Unusual("key")
            key = _construct(loader, key_node, seen)
            data[key] = _construct(loader, value_node, seen)
        return data
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_construct(loader, item, seen) for item in node.value]
    raise _Unusual(tag)


def _rewritten_number(value: Any, written: str) -> bool:
    """A number YAML 1.1 reads otherwise than it is written: a postcode with its leading zero (`050000` is octal,
    20480), `8:30` (base 60, 510), `1_000`, `.5`, `1e3`. Kept as the text written: a catalogue's 邮编 printed on every
    page, or a front matter value, is the agency's text; a field that needs a number then says so (E102)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and str(value) != written


def _untagged_plain(loader: _Loader, node: yaml.ScalarNode) -> bool:
    """Written plain, with no tag of its own (`!!float 1` or `!!int '7'` asks for the number, and gets it). A node's
    span begins at its anchor or tag: an anchor (`title: &t 0365`, written to reuse the value) is no tag, and the
    title is kept as written as without it (round 31a: the heading, <title> and listings printed 245)."""
    if node.style:
        return False
    before = _written_before_value(loader, node)
    if before is None:   # not read from a text: an untagged plain scalar spans its value and no more
        return node.end_mark.index - node.start_mark.index == len(node.value)
    return "!" not in before


_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _written_before_value(loader: _Loader, node: yaml.ScalarNode) -> str | None:
    """What the node's span holds before its value (its anchor and tag: `&t `, `!!int `), or None where the text
    is not at hand. Lines and columns, not the index: libyaml's index counts a byte-order mark the text may hold."""
    if loader.written is None:
        return None
    start, end = node.start_mark, node.end_mark
    lines = _YAML_LINE_BREAK.split(loader.written)[start.line:end.line + 1]
    written = "\n".join(lines)
    span = written[start.column:len(written) - len(lines[-1]) + end.column]
    return span[:-len(node.value)] if node.value and span.endswith(node.value) else None


def _number_as_written(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """An int or float node, kept as its text when YAML would read another number (`_rewritten_number`). The loader's
    own constructor, so PyYAML's construction of a file `_construct` leaves to it keeps numbers so too: one alias in
    catalogue.yaml (`name: *n`, reusing a type's name or fields, as YAML is written) had the whole file built by
    PyYAML, and every page's footer printed 邮编：20480 for `postcode: 050000` again (round 30b)."""
    value = (loader.construct_yaml_int if node.tag == _INT else loader.construct_yaml_float)(node)
    return node.value if _rewritten_number(value, node.value) and _untagged_plain(loader, node) else value


_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_Loader.add_constructor(_INT, _number_as_written)
_Loader.add_constructor(_FLOAT, _number_as_written)


# The mistakes editors make when typing front matter by hand, each with the fix.
_EDITOR_MISTAKES = [
    (re.compile(r"^\s*[A-Za-z_]+\s*："), "字段名后用了中文冒号“：”；应为英文冒号加一个空格，例如 title: 关于……的通知"),
    (re.compile(r"^\s*[A-Za-z_]+:(?=[^\s])"), "冒号后缺少空格；应写作“字段: 值”，例如 type: notice"),
    (re.compile(r"^\t|^ *\t"), "这一行用 Tab 键缩进；请改用空格"),
    (re.compile(r"^\s*[A-Za-z_]+:\s*[“”]"), "值以中文引号开头；整个值需要引号时请用英文引号 \"…\"，或去掉引号"),
]
_YAML_PROBLEMS = {
    "mapping values are not allowed": "此处不能再出现“字段: 值”（常见原因：值里有英文冒号加空格，请给整个值加英文引号）",
    "could not find expected ':'": "缺少冒号；每行应写作“字段: 值”",
    "found character that cannot start any token": "值以 @、` 或 % 等符号开头；请给整个值加英文引号",
    "found unexpected end of stream": "引号或括号没有闭合",
    "did not find expected key": "缩进不一致；同一层的字段应左对齐",
    "found a tab character": "用了 Tab 键缩进；请改用空格",
    "expected <block end>": "缩进不一致；同一层的字段应左对齐",
    "found undefined alias": "使用了未定义的 * 引用；值以 * 开头时请加英文引号",
}


def editor_mistake(text: str) -> tuple[int, str] | None:
    """The first line with a typical hand-typing mistake, and its fix."""
    for number, line in enumerate(text.split("\n"), start=1):
        for pattern, message in _EDITOR_MISTAKES:
            if pattern.search(line):
                return number, message
    return None


def _explain(error: yaml.MarkedYAMLError) -> str:
    problem = f"{error.problem or ''} {error.context or ''}"
    explanation = next((chinese for english, chinese in _YAML_PROBLEMS.items() if english in problem),
                       "无法解析；请检查缩进、冒号后的空格和引号是否成对")
    return explanation


def _walk(node: yaml.Node, path: Path, lines: dict, duplicates: list, seen: set) -> None:
    """Record the line of every key and item, and every key written twice.

    PyYAML keeps the last of two equal keys silently; an editor must hear of the first.
    """
    # Aliases make the node graph a DAG; visiting each node once defeats "billion laughs" input.
    if id(node) in seen:
        return
    seen.add(id(node))
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if path + (key,) in lines and key is not None:
                duplicates.append((key_node.start_mark.line + 1, key, lines[path + (key,)]))
            lines.setdefault(path + (key,), key_node.start_mark.line + 1)
            _walk(value_node, path + (key,), lines, duplicates, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, duplicates, seen)


# --- mkdocs.yml as MkDocs reads it -------------------------------------------------------------------

class TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV, !relative or !!python/name tags: read them as nothing. A value PyYAML cannot make
    into what it reads it as (a date naming no day, 2024-02-30; `!!bool maybe`, `!!int x`) is read as its text:
    PyYAML (and so MkDocs) would raise a Python error, not a YAML error (`unmade_values` finds them, for a coded
    line, where every reader of the settings ended in 内部错误: round 31a)."""


def _or_as_written(construct):
    def tolerant(loader, node):
        try:
            return construct(loader, node)
        except CONSTRUCTOR_FAILURES:
            return loader.construct_scalar(node)
    return tolerant


# Known standard tags keep their constructors; every other tag (prefix "") reads as None.
TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
for _tag in _MADE_TAGS:
    TolerantLoader.add_constructor(_tag, _or_as_written(yaml.SafeLoader.yaml_constructors[_tag]))


def settings_data(text: str):
    """`text` (mkdocs.yml or a file it INHERITs from) as TolerantLoader reads it: a copy of one reading per text. Every
    check of the settings reads them (nine readings of the same file took a sixth of a small site's build)."""
    return copy.deepcopy(_settings_data(text))


@functools.lru_cache(maxsize=8)
def _settings_data(text: str):
    return yaml.load(text, Loader=TolerantLoader)  # noqa: S506 - a SafeLoader


@functools.lru_cache(maxsize=8)
def settings_nodes(text: str) -> yaml.Node | None:
    """`text` composed by PyYAML's SafeLoader (lines and tags as written), one composing per text; the nodes are shared
    between the readers, which only read them. Raises what composing raises (yaml.YAMLError, RecursionError)."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def unmade_values(text: str) -> list[tuple[int, str]]:
    """(line, value) of each value of `text` (YAML) that PyYAML cannot make into what it reads it as: a date that
    names none, `!!bool maybe`, `!!int x` — MkDocs ends with a Python traceback on such a mkdocs.yml, and reads no
    front matter holding one. Empty for a file that is not YAML (that error is MkDocs' own)."""
    try:
        root = settings_nodes(text)
    except (yaml.YAMLError, RecursionError):
        return []
    found, stack, seen = [], [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _MADE_TAGS:
                try:
                    yaml.SafeLoader.yaml_constructors[node.tag](yaml.SafeLoader(""), node)
                except CONSTRUCTOR_FAILURES:   # !!timestamp on a value that is none: AttributeError
                    found.append((node.start_mark.line + 1, node.value))
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(found)
# How many files deep every reader of the settings follows INHERIT; MkDocs follows any depth (and a loop until Python's
# recursion limit), so rules/files.py refuses a chain that goes further (E406).
MAX_INHERIT = 5


def read_setting_text(file, encoding: str = "utf-8-sig") -> str:
    """The text of a settings file (mkdocs.yml, a file it INHERITs from). OSError for a named pipe, a device or a
    folder: opening a pipe waits for a writer forever, and the check must end. A link is followed, as MkDocs does."""
    import stat
    with os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{file} 不是普通文件")
        return stream.read().decode(encoding)


def host_config(file, depth: int = 0) -> dict:
    """The settings of mkdocs.yml (`file`) as MkDocs reads them: those of the file its INHERIT names first,
    then its own over them, mappings merged key by key (MkDocs' mergedeep). A docs_dir, site_dir or theme
    written only in the inherited file is the site's all the same: every command that places or reads
    files by them must see it. Raises OSError, UnicodeDecodeError or yaml.YAMLError when a file cannot be read."""
    import pathlib
    file = pathlib.Path(file)
    config = settings_data(read_setting_text(file))
    config = config if isinstance(config, dict) else {}
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str) and depth < MAX_INHERIT:
        return _merged(host_config(file.parent / parent, depth + 1), config)
    return config


def _merged(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def host_config_pairs(text: str) -> list[tuple[yaml.Node, yaml.Node]] | None:
    """The (key, value) nodes of mkdocs.yml's top level, with their lines and tags as written, as MkDocs' loader reads
    them: then a merge key's (`<<: *shared`, a list of them) mappings' pairs, each mapping once (a `hooks:` brought in
    from an anchor is the file's hooks all the same). None when the text is no mapping. Raises what composing raises
    (yaml.YAMLError, RecursionError)."""
    root = settings_nodes(text)
    if not isinstance(root, yaml.MappingNode):
        return None
    pairs, pending, seen = [], [root], set()
    while pending:
        mapping = pending.pop()
        if id(mapping) in seen:
            continue
        seen.add(id(mapping))
        for key, value in mapping.value:
            pairs.append((key, value))   # a merge key's too: what it names is read as written (a tag on it)
            if key.tag == "tag:yaml.org,2002:merge":
                merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
                pending += [node for node in merged if isinstance(node, yaml.MappingNode)]
    return pairs


def yaml_nodes(roots: list[yaml.Node], enter=lambda node: True):
    """Each node under `roots` (themselves included) once — an alias is the node it names —, entering a list or
    mapping only where `enter(node)` says so."""
    pending, seen = list(roots), set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode) and enter(node):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode) and enter(node):
            pending += node.value


def expanded_size(roots: list[yaml.Node]) -> int:
    """How many nodes `roots` make once every alias is expanded as a program loading them walks them (MkDocs logs
    each setting's repr): counted once per node, in linear time, however the aliases nest. A node that holds itself
    counts as more than any limit."""
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    pending = [(root, False) for root in roots]
    while pending:
        node, children_done = pending.pop()
        if id(node) in sizes:
            continue
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), _ENDLESS) for child in children)
        elif id(node) in entered:   # met again inside itself
            sizes[id(node)] = _ENDLESS
        else:
            entered.add(id(node))
            pending.append((node, True))
            pending += [(child, False) for child in children if id(child) not in sizes]
    return sum(sizes[id(root)] for root in roots)


_ENDLESS = 1 << 62


# Keys of mkdocs.yml whose values (and, for nav and extra, keys) the theme prints into pages.
PRINTED_KEYS = frozenset({"site_name", "site_description", "site_author", "copyright", "site_url", "repo_url",
                          "repo_name", "edit_uri", "nav", "extra", "theme", "extra_css", "extra_javascript",
                          "markdown_extensions",    # a table of contents' title and the like
                          "plugins"})               # the search plugin's options, in search/search_index.json


def printed_scalars(node: yaml.Node, keys: bool = False) -> list[tuple[int, str]]:
    """(line, text) of every value under `node` of mkdocs.yml as MkDocs reads it (an !ENV value from the environment,
    with its default); mapping keys too when `keys` (nav titles are keys)."""
    return _scalars(node, keys)


def _scalars(node: yaml.Node, keys: bool, seen: set | None = None) -> list[tuple[int, str]]:
    """(line, text) of every scalar under `node` (mapping keys too when `keys`: nav titles are keys)."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return []
    seen.add(id(node))
    if node.tag == "!ENV" and isinstance(node, (yaml.ScalarNode, yaml.SequenceNode)):
        value = _environment_value(node)
        return ([(node.start_mark.line + 1, value)] if value is not None else []) + \
            (_scalars(node.value[-1], keys, seen) if isinstance(node, yaml.SequenceNode) else [])
    if isinstance(node, yaml.ScalarNode):
        return [(node.start_mark.line + 1, str(node.value))]
    found = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += (_scalars(key, keys, seen) if keys else []) + _scalars(value, keys, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _scalars(item, keys, seen)
    return found


def _environment_value(node: yaml.Node) -> str | None:
    """The value MkDocs gives `!ENV NAME` or `!ENV [NAME, …, default]`: the first of the variables set (the last
    item of a list of two or more is the default, not a name)."""
    names = [node] if isinstance(node, yaml.ScalarNode) else node.value[:-1] if len(node.value) > 1 else node.value
    return next((os.environ[name.value] for name in names if isinstance(name, yaml.ScalarNode) and name.value in os.environ), None)

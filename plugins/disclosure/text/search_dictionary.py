"""The editors' search dictionary (search-dict.txt) as jieba reads it, judged once for the build and the check.

jieba reads `词语 [词频] [词性]` per line, UTF-8, and keeps every prefix of every word: a word of n characters costs
n² of memory. A line of 200,000 characters ran the index process out of memory after 74 s; a file saved as GBK
stopped the build while `disclosure check` passed it. Both now read the file through `dictionary_problem`.

A message names the line, never quotes it: mkdocs.yml may name any file as the dictionary (`/proc/self/environ`),
and a pull request's check prints into a CI log anyone may read.
"""

from __future__ import annotations

import re
from pathlib import Path

_DICTIONARY_LINE = re.compile(r"^\S+( [0-9]+)?( [a-z]+)?$")  # jieba's own rule for user dictionaries
MAX_DICTIONARY_WORD = 64
DICTIONARY_BUDGET = 20_000_000   # the sum of the squares of its words' lengths: jieba's own 350,000 words are 3.3 million
MAX_DICTIONARY_BYTES = 32 << 20  # read whole before any line is judged: jieba's own dictionary is 5 MB


def dictionary_problem(path: Path) -> tuple[int, str] | None:
    """(line, message saying the fix) of the first thing jieba cannot read in the regular file `path`, or would run
    out of memory on; None: fine."""
    name = path.name
    if path.stat().st_size > MAX_DICTIONARY_BYTES:
        return 1, (f"{name} 过大（超过 {MAX_DICTIONARY_BYTES >> 20} MB）；"
                   "词典只需收录本单位常用、分词时容易被切开的词语（几百到几千个）")
    data = path.read_bytes()
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return line, f"{name} 不是 UTF-8 编码（第 {line} 行起）；请用记事本或 WPS“另存为”UTF-8 编码"
    cost = 0   # the characters of every prefix jieba will store, about
    for number, line in enumerate(lines, start=1):
        if line.strip() and not _DICTIONARY_LINE.match(line.strip()):
            return number, (f"{name} 第 {number} 行格式不对；"
                            "每行写“词语 词频 词性”，例如：应急避难场所 2000 n")
        if len(word := line.strip().split(" ", 1)[0]) > MAX_DICTIONARY_WORD:
            return number, (f"{name} 第 {number} 行的词语有 {len(word)} 个字，超过 {MAX_DICTIONARY_WORD} 个字的"
                            "上限；词典每行只写一个词语，如：应急避难场所 2000 n")
        cost += len(word) ** 2
        if cost > DICTIONARY_BUDGET:
            return number, (f"{name} 过大（到第 {number} 行已超过生成搜索索引所能载入的上限）；"
                            "词典只需收录本单位常用、分词时容易被切开的词语（几百到几千个）")
    return None

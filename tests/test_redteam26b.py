"""Round twenty-six (b) of the adversarial review (issue 24): the platform and import paths, as a compromised
department CI job (and the government's) would attack them through `disclosure merge`, and the shipped workflows.
Each test goes through the real command and failed on main before its fix.

Fixed —
- round 25's leftovers: a unit's search passage (x/<n>.json) was checked against the row its own manifest's chunk
  size names, while readers see it under the row of the platform's (UNIT_CHUNK_SIZE); a unit's search words (its part
  of the platform's index, its own term shards) were compared with withheld text as phrases only, so a withheld
  summary cut into words merged with exit 0 and anyone could download them (search/t/) and chain the bigrams back.
  A word holding a piece of withheld text (a bigram, a character, a run) must now have it from the unit's documents'
  pages or content's public front matter; a term shard's words are in the build's order (sorted, in the shard their
  hash names: single characters in an order of the job's spell anything); its postings are (document, weight) pairs of
  the unit's documents; a rows file holds its chunk's every row (a missing one ended every platform search finding the
  unit's documents in an error); the unit's search manifest carries this version's settings (chunk, limit, hash …),
  its document and shard counts; its t2s.json is the version's own.
- (platform/manifest.py `own_url`) an address the hand-over (latest, feed, sitemap, relations) or a catalogue export
  gives as the unit's page, that a browser resolves to another unit's page: `jyj/%2e%2e/nanqu/…`, `jyj/.<LF>./…`,
  `jyj/.<TAB>./…` (browsers drop tabs and line breaks and read %2e as a dot); and the government's hand-over putting
  `javascript:alert(…)` on the platform's home page (its paths are "anything outside the departments' folders").
- the platform home's directory took each unit's group and count from its hand-over: a job moved its unit to another
  group (or off the page) or printed any count. The group must be catalogue.yaml's, the count its documents' (E701).
- a catalogue export record under another unit's name, or with a 索引号 the unit does not publish at that link, or
  listed twice: the platform's catalogue.json/.csv, which portals gather, listed the government's 索引号 under the
  教育局's page.
- (platform/assembly.py `_write_feed`) a feed entry's <id> was taken from the hand-over: a department's entry with
  the government's id replaced the government's entry in every subscriber's feed reader. The id is now made from the
  entry's checked address, as the unit build makes it.
- a unit's own feed (jyj/feed.xml and its categories' feeds, published as they are) with an xml:base of another
  host (every link moves there), links to another host, a javascript: address or another unit's page, or the
  government's entry ids: the round-25 check read its elements and attributes, not where they lead.
- a precompressed file (.html.gz, .json.gz) beside a verified page or search file: nginx's gzip_static and Caddy's
  `precompressed` serve it in place of the page to every browser that accepts gzip.
- import: a 公开属性 label with no value of its own (an empty paragraph after it, a header cell, a lone <dt>) took the
  next paragraph — the withheld document's body — as the page's wording and wrote it into `reason:`, which the list
  of 不主动公开的信息 prints: the body was published. The wording is the reason only when it reads as a statement of
  openness (short, naming 公开/保密/内部 …, not a line of the body); otherwise a fixed reason, the wording in the report.
  And a saved page's SVG picture (a script in it) was copied and the page reported 通过检查: the check's E111 on the
  copied file is now the page's.
- `disclosure merge --site-dir content` replaced content/ with the merged site (every document deleted), `--site-dir
  build` the units' outputs, `disclosure build --units-dir site` wrote a unit's raw build into the published site:
  the folders are now checked as the report's is (office/output.py check_place), exit 2 with the fix.
- the shipped platform workflows restored the pip cache the department build jobs save into the merge job (GitHub:
  setup-python `cache: pip`, the first job to finish writes the key; GitLab: one cache for the pipeline): a job taken
  over could leave packages the merge job installs and runs.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
import yaml

from disclosure.search.platform import Contribution, bucketed

from .batchkit import MergedCases, merged_cases
from .test_merge_verifies import built, disclosure, platform, refused  # noqa: F401  (the fixtures)
from .test_platform_core import write
from .test_redteam6 import _seal

UNIT = "build/units/jyj"
WITHHELD_SUMMARY = "经测算二〇二五年秋季学期起城区公办学校住宿费每生每学期上调一百二十元"


def _replace(path: Path, old: str, new: str) -> None:
    """`old` replaced once, written as a new file (the unit's files are hard links to site/'s after a merge)."""
    data = path.read_bytes()
    assert old.encode() in data, old
    path.unlink()
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))


def _hand_over(root: Path, unit: str = "jyj") -> tuple[Path, dict]:
    path = root / f"build/units/{unit}/_unit/{unit}/unit.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, data) -> None:
    path.unlink()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- addresses a browser resolves elsewhere -------------------------------------------------------------------------

ANOTHER_UNITS_PAGE = {"percent-dots": "jyj/%2e%2e/nanqu/guide/guide/", "line-break": "jyj/.\n./nanqu/guide/guide/",
                      "tab": "jyj/.\t./nanqu/guide/guide/", "mixed-case": "jyj/.%2E/nanqu/guide/guide/"}


@pytest.mark.parametrize("case", ANOTHER_UNITS_PAGE)
def test_a_hand_over_address_resolving_to_another_units_page_is_refused(rounds, case):
    _refused_case(rounds, f"hand-over address {case}")


HOME_PAGE_VALUES = {"another-group": ("group", "县区", "单位分组“县区”与 catalogue.yaml 中的“政府部门”不同"),
                    "a-count-of-its-own": ("count", 999999, "count（文件数 999999）与它列出的文件（3 个）不符")}


@pytest.mark.parametrize("case", HOME_PAGE_VALUES)
def test_what_the_platform_home_prints_of_a_unit_is_catalogue_yamls_and_its_documents(rounds, case):
    """The home page's directory lists each unit under the hand-over's group with its count: a job moved its unit to
    another group of the government's page (or off it, a group catalogue.yaml does not have), or printed any count."""
    _refused_case(rounds, f"home page {case}")


def test_a_script_address_in_the_governments_hand_over_is_refused(rounds):
    """The government's pages lie anywhere outside the departments' folders; `javascript:…` is no path of it."""
    _refused_case(rounds, "government's script address")


def test_a_feed_entry_with_the_governments_id_does_not_replace_its_entry(platform):
    """Feed readers keep one entry per <id>: a department's entry carrying the government's id replaced the government's
    in every subscriber's list. The platform's feed makes each id from the entry's own (checked) address."""
    import re
    path, data = _hand_over(platform)
    data["feed"][0]["id"] = _hand_over(platform, "gov")[1]["feed"][0]["id"]
    _write_json(path, data)
    _seal(platform)
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    ids = re.findall(r"<id>([^<]*)</id>", (platform / "site/feed.xml").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids)), ids


UNIT_FEED = {   # the unit's own feed (jyj/feed.xml, published as it is): where it sends a subscriber
    "xml-base-elsewhere": ('xml:base="https://www.example.gov.cn/zwgk/"', 'xml:base="https://evil.example/"', "xml:base"),
    "link-elsewhere": ('href="jyj/interpretations/n2/"', 'href="https://evil.example/phish"', "不是本单位的页面"),
    "script-link": ('href="jyj/interpretations/n2/"', 'href="javascript:alert(1)"', "不是本单位的页面"),
    "another-units-page": ('href="jyj/interpretations/n2/"', 'href="nanqu/guide/guide/"', "不是本单位的页面"),
    "the-governments-id": ("<id>https://www.example.gov.cn/zwgk/jyj/interpretations/n2/</id>",
                           "<id>https://www.example.gov.cn/zwgk/interpretations/n1/</id>", "条目标识"),
}


@pytest.mark.parametrize("case", UNIT_FEED)
def test_a_units_own_feed_sending_readers_elsewhere_is_refused(rounds, case):
    _refused_case(rounds, f"feed {case}")


def test_a_platform_without_directory_urls_merges(tmp_path):
    """use_directory_urls: false: each search row's page is <name>.html, which the merge looked for as
    <name>.html/index.html and refused every unit (on main too)."""
    from .platformkit import write_platform
    root = write_platform(tmp_path / "platform")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "use_directory_urls": False}, allow_unicode=True),
                                     encoding="utf-8")
    done = disclosure(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "site/jyj/fees/fees.html").is_file()


# --- a file of the unit's changed and sealed again ---------------------------------------------------------------------

RECORD = '"department": "jyj",\n   "department_name": "测试市教育局",\n   "doc_no": null,\n   "index_no": "JYJ/2025-00003"'
CHANGED = {   # (the unit's file, its text, replaced by, the line says)
    # the catalogue exports' records, joined into the platform's catalogue that portals gather
    **{f"catalogue-link-{name}": ("jyj/catalogue.json", '"url": "jyj/interpretations/n2/"', f'"url": {json.dumps(url)}',
                                  "不是本单位的页面") for name, url in ANOTHER_UNITS_PAGE.items()},
    "record-of-another-unit": ("jyj/catalogue.json", RECORD, RECORD.replace('"jyj"', '"nanqu"', 1).replace(
        "测试市教育局", "测试市南区人民政府"), "名下，不是本单位“测试市教育局”"),
    "row-of-the-government": ("jyj/catalogue.csv", "测试市教育局,JYJ/2025-00003", "测试市人民政府,CSF/2025-00001",
                              "“测试市人民政府”"),
    "index-number-not-at-its-link": ("jyj/catalogue.json", '"index_no": "JYJ/2025-00003"', '"index_no": "JYJ/2025-00009"',
                                     "索引号“JYJ/2025-00009”不是本单位在链接"),
    # the unit's own search manifest: the worker takes its values as they are (a passage shown under another result,
    # every search of the unit failing, a worker kept busy); its folding table rewrites a reader's query
    **{f"search-manifest-{name}": ("search/units/jyj/manifest.json", old, new, "与单位生成写的不同") for name, (old, new) in {
        "chunk": ('"chunk":20', '"chunk":1'), "limit": ('"limit":50', '"limit":1000000000'),
        "shards": ('"shards":1', '"shards":99999'), "count": ('"count":3', '"count":-1'),
        "nan": ('"partial":0.6', '"partial":NaN')}.items()},
    "folding-table": ("search/units/jyj/t2s.json", '"to":"', '"to":"住宿费上调', "繁简对照表"),
}


@pytest.mark.parametrize("case", CHANGED)
def test_a_units_file_changed_and_sealed_again_is_refused(rounds, case):
    _refused_case(rounds, f"changed {case}")


def _record_listed_twice(platform: Path) -> None:
    path = platform / UNIT / "jyj/catalogue.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"].append(data["documents"][0])
    _write_json(path, data)


def test_a_catalogue_record_listed_twice_is_refused(rounds):
    """Merged on main: the platform's catalogue.json listed the record twice under a count that did not."""
    _refused_case(rounds, "record listed twice")


# --- precompressed files --------------------------------------------------------------------------------------------

PRECOMPRESSED = {"page": ("jyj/fees/fees/index.html.gz", "jyj/fees/fees/index.html"),
                 "search-rows": ("search/units/jyj/d/0.json.gz", "search/units/jyj/d/0.json")}


def _precompressed(platform: Path, name: str, inner: str) -> None:
    original = (platform / UNIT / inner).read_bytes()
    changed = original.replace(b"</main>", b"<script>alert(1)</script></main>") if inner.endswith(".html") else \
        b'[["nanqu/guide/guide/","x","y","z","",""]]'
    (platform / UNIT / name).write_bytes(gzip.compress(changed))


@pytest.mark.parametrize("case", PRECOMPRESSED)
def test_a_precompressed_file_beside_a_verified_one_is_refused(rounds, case):
    """gzip_static serves page.html.gz for page.html: its script, or search rows leading to another unit's page."""
    _refused_case(rounds, f"precompressed {case}")


# --- the cases above in a few merges (batchkit.py): each merge changes a file for one case at most ---------------------

def _hand_over_set(unit: str, **values):
    def change(platform: Path) -> None:
        path, data = _hand_over(platform, unit)
        for key, value in values.items():
            if key == "url":
                data["latest"][0]["url"] = data["feed"][0]["url"] = data["sitemap"][0]["loc"] = value
            elif key == "latest_url":
                data["latest"][0]["url"] = value
            else:
                data[key] = value
        _write_json(path, data)
    return change


def _merged_cases() -> dict[str, tuple[str, str, str, object]]:
    """Each case: (its file under build/units/, the code and the words of its line, the change)."""
    hand_over = "jyj/_unit/jyj/unit.json"
    cases = {f"hand-over address {case}": (hand_over, "E701", "写了本单位以外的内容（网址 jyj/", _hand_over_set("jyj", url=url))
             for case, url in ANOTHER_UNITS_PAGE.items()}
    cases |= {f"home page {case}": (hand_over, "E701", says, _hand_over_set("jyj", **{key: value}))
              for case, (key, value, says) in HOME_PAGE_VALUES.items()}
    cases["government's script address"] = ("gov/_unit/gov/unit.json", "E701", "网址 javascript:alert",
                                            _hand_over_set("gov", latest_url="javascript:alert(document.domain)"))
    cases |= {f"feed {case}": ("jyj/jyj/feed.xml", "E700", says, lambda platform, old=old, new=new: _replace(
        platform / UNIT / "jyj/feed.xml", old, new)) for case, (old, new, says) in UNIT_FEED.items()}
    cases |= {f"changed {case}": (f"jyj/{name}", "E700", says, lambda platform, name=name, old=old, new=new: _replace(
        platform / UNIT / name, old, new)) for case, (name, old, new, says) in CHANGED.items()}
    cases["record listed twice"] = ("jyj/jyj/catalogue.json", "E700", "目录导出列了 4 条记录（其中不同的索引号 3 个）", _record_listed_twice)
    cases |= {f"precompressed {case}": (f"jyj/{name}", "E700", "预压缩文件", lambda platform, name=name, inner=inner: _precompressed(
        platform, name, inner)) for case, (name, inner) in PRECOMPRESSED.items()}
    return cases


@pytest.fixture(scope="module")
def rounds(merged_platform, tmp_path_factory) -> dict[str, MergedCases]:
    """The cases in rounds, each round one copy and one merge: a refused hand-over (E701) stops the merge before it reads
    any file, so each of those is a round alone; of the others, round k takes the k-th case changing each file."""
    by_file: dict[str, list[str]] = {}
    alone: list[list[str]] = []
    for case, (path, code, *_) in _merged_cases().items():
        if code == "E701":
            alone.append([case])
        else:
            by_file.setdefault(path, []).append(case)
    together = [[group[number] for group in by_file.values() if len(group) > number]
                for number in range(max(map(len, by_file.values())))]
    found: dict[str, MergedCases] = {}
    for number, cases in enumerate(alone + together):

        def attack(platform, cases=cases) -> None:
            for case in cases:
                _merged_cases()[case][3](platform)
            _seal(platform)
            _seal(platform, "gov")
        merged = merged_cases(merged_platform, tmp_path_factory.mktemp(f"round{number}") / "platform", attack)
        found |= {case: merged for case in cases}
    return found


def _refused_case(rounds: dict[str, MergedCases], case: str) -> None:
    """The case's file refused with its code, the line saying what test_merge_verifies's `refused` looked for."""
    path, code, says, _ = _merged_cases()[case]
    lines = rounds[case].refused_lines(path, code)
    assert any(says in line for line in lines), rounds[case].run.output


# --- the unit's search files ----------------------------------------------------------------------------------------

def _withheld_summary(root: Path) -> None:
    write(root, "jyj/fees/secret.md", "title: 内部收费测算\ntype: guide\nindex_no: JYJ/2025-00009\npublished: 2025-01-02\n"
          f"disclosure: 不予公开\nreason: 内部事务信息\nsummary: {WITHHELD_SUMMARY}\n")


def _shuffled_bigrams() -> list[str]:
    bigrams = [WITHHELD_SUMMARY[at:at + 2] for at in range(len(WITHHELD_SUMMARY) - 1)]
    random.Random(26).shuffle(bigrams)
    return bigrams


def test_a_withheld_summary_cut_into_words_in_the_platform_index_is_refused(platform):
    _withheld_summary(platform)
    path = platform / UNIT / "_unit/jyj/search-contribution.bin"
    found = Contribution.from_bytes(path.read_bytes())
    entries, start = [], 0
    for number, token in enumerate(found.tokens):
        end = found.ends[number]
        entries.append((token, found.df[number], list(found.docs[start:end]), list(found.weights[start:end])))
        start = end
    entries += [(word, 1, [0], [1000]) for word in _shuffled_bigrams()]
    path.unlink()
    path.write_bytes(bucketed(found.count, found.categories, found.chunk, entries, found.category, found.year).to_bytes())
    _seal(platform)
    refused(platform, f"{UNIT}/_unit/jyj/search-contribution.bin:1: E700 ", "含有不公开文件正文中的字词")


def test_a_withheld_summary_cut_into_words_in_the_units_own_index_is_refused(platform):
    _withheld_summary(platform)
    path = platform / UNIT / "search/units/jyj/t/0.json"
    shard = json.loads(path.read_text(encoding="utf-8"))
    shard.update({word: [0, 5] for word in _shuffled_bigrams()})
    _write_json(path, dict(sorted(shard.items())))   # in the build's order (the unit has one shard)
    _seal(platform)
    refused(platform, f"{UNIT}/search/units/jyj/t/0.json:1: E700 ", "不在本单位任何文件的页面上")


def test_a_units_term_shard_in_another_order_is_refused(platform):
    """A shard's words are sorted: in an order of the job's, single characters shown on its pages spell any text."""
    path = platform / UNIT / "search/units/jyj/t/0.json"
    shard = json.loads(path.read_text(encoding="utf-8"))
    _write_json(path, dict(reversed(shard.items())))
    _seal(platform)
    refused(platform, f"{UNIT}/search/units/jyj/t/0.json:1: E700 ", "没有按生成的顺序排列")


def _rows_one_short(rows: list) -> list:
    return rows[:-1]


def _postings_past_the_units_documents(shard: dict) -> dict:
    return {word: [999999999, -5] if number == 0 else postings for number, (word, postings) in enumerate(shard.items())}


@pytest.mark.parametrize("name, change, says", [
    ("search/units/jyj/d/0.json", _rows_one_short, "搜索结果文件应有 3 条"),
    ("search/units/jyj/t/0.json", _postings_past_the_units_documents, "不是“文件编号, 权重”的整数对"),
], ids=["a-row-short", "postings-past-the-documents"])
def test_a_units_search_file_the_readers_worker_fails_on_is_refused(platform, name, change, says):
    """A row short of its chunk (its passage file removed too): every platform search finding the unit's last document
    ended in the worker's TypeError; postings naming no document of the unit fail the searches of the unit."""
    path = platform / UNIT / name
    _write_json(path, change(json.loads(path.read_text(encoding="utf-8"))))
    (platform / UNIT / "search/units/jyj/x/2.json").unlink()
    _seal(platform)
    refused(platform, f"{UNIT}/{name}:1: E700 ", says)


def test_search_words_written_again_unchanged_still_merge(platform):
    """Read again (new files, as a rebuild leaves them): every word of the build's own is on its pages."""
    _withheld_summary(platform)
    for name in ("_unit/jyj/search-contribution.bin", "search/units/jyj/t/0.json"):
        path = platform / UNIT / name
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data)
    _seal(platform)
    done = disclosure(platform, "merge")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_passage_is_checked_under_the_result_readers_see_it_with(platform):
    """The unit's manifest says one row a chunk: x/1.json was checked against d/1.json's row (another page, written by
    the job, whose text the passage is) while readers see it under the platform's chunk, row 1 of d/0.json."""
    folder = platform / UNIT / "search/units/jyj"
    rows = json.loads((folder / "d/0.json").read_text(encoding="utf-8"))
    for number in (1, 2):   # a chunk a row, as the unit's manifest says: x/1.json and x/2.json each find one
        (folder / f"d/{number}.json").write_text(json.dumps([rows[0]], ensure_ascii=False), encoding="utf-8")
    _write_json(folder / "x/1.json", rows[0][1])   # the first row's title: on its page, not on the second row's
    _replace(folder / "manifest.json", '"chunk":20', '"chunk":1')
    _seal(platform)
    refused(platform, f"{UNIT}/search/units/jyj/x/1.json:1: E700 ", "不在它指向的页面上")


# --- the operator's folders -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (("merge", "--site-dir", "content"), "网站目录（--site-dir） content 与内容目录 content/ 重叠"),
    (("merge", "--site-dir", "build"), "网站目录（--site-dir） build 与各单位的输出目录（--units-dir） build/units/ 重叠"),
    (("build", "--unit", "jyj", "--no-merge", "--units-dir", "site"), "各单位的输出目录（--units-dir） site 与网站输出目录"),
], ids=["site-into-content", "site-over-the-units", "units-into-the-site"])
def test_the_platforms_folders_may_not_be_the_content_or_each_other(platform, args, says):
    """On main, in a fresh checkout (no site/ yet): `merge --site-dir content` replaced content/ with the site (every
    document gone), `--site-dir build` the units' outputs; `build --units-dir site` wrote a unit's raw build into site/."""
    import shutil
    shutil.rmtree(platform / "site")
    documents = sorted((platform / "content").rglob("*.md"))
    done = disclosure(platform, *args)
    assert done.returncode == 2 and says in done.stderr, done.stdout + done.stderr
    assert sorted((platform / "content").rglob("*.md")) == documents
    assert (platform / UNIT / "_unit/jyj/unit.json").is_file() and not (platform / "site").exists()


# --- the shipped workflows ------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def test_the_github_merge_job_restores_no_cache_the_build_jobs_write():
    jobs = yaml.safe_load((REPO / "deploy/github/platform.yml").read_text(encoding="utf-8"))["jobs"]
    assert any(step.get("with", {}).get("cache") for step in jobs["build"]["steps"])   # what the merge must not take
    for job in ("merge", "deploy"):
        for step in jobs[job]["steps"]:
            assert "cache" not in step.get("with", {}) and "actions/cache" not in step.get("uses", ""), (job, step)


def test_the_gitlab_merge_and_pages_jobs_restore_no_cache_the_unit_jobs_write():
    pipeline = yaml.safe_load((REPO / "deploy/gitlab/platform.gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["cache"]   # the default every job has unless it says otherwise
    for job in ("merge", "pages"):
        assert pipeline[job].get("cache") == [], job


# --- import ---------------------------------------------------------------------------------------------------------

def _saved_page(folder: Path, statement: str, body: str) -> None:
    folder.mkdir()
    (folder / "a.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于调整住宿费的通知</title></head><body>'
        f"<h1>关于调整住宿费的通知</h1>{statement}<div class=\"content\"><p>{body}</p></div></body></html>", encoding="utf-8")


@pytest.mark.parametrize("statement", ["<p>公开属性：</p>", "<table><tr><th>公开属性</th></tr></table>",
                                       "<dl><dt>公开属性</dt></dl>"], ids=["empty-value", "header-cell", "lone-term"])
def test_an_imported_withheld_pages_body_is_not_its_public_reason(tmp_path, statement):
    """A 公开属性 label with no value of its own took the next paragraph — the withheld document's body — as the page's
    wording, written into `reason:`, which the list of 不主动公开的信息 prints on the published site."""
    from .sitekit import write_site
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    _saved_page(tmp_path / "old", statement, WITHHELD_SUMMARY)
    done = disclosure(root, "import", str(tmp_path / "old"), "--type", "notice", "--report", "report.json")
    written = root / by_source(report_of(root))["a.html"]["target"]
    front = yaml.safe_load(written.read_text(encoding="utf-8").split("---\n")[1])
    assert front["disclosure"] == "不予公开", (done.stdout + done.stderr, front)
    assert WITHHELD_SUMMARY[:10] not in front["reason"], front


def test_an_imported_page_whose_picture_is_an_svg_does_not_pass(tmp_path):
    """The import copied the saved page's SVG (a script in it) into content/ and reported the page 通过检查: its check
    named only the written documents, and the E111 of the copied file went to no page."""
    from .sitekit import write_site
    from .test_import import CMS_CATALOGUE, TABLES, by_source, report_of
    root = write_site(tmp_path / "site", {}, catalogue=CMS_CATALOGUE, mkdocs_extra=TABLES)
    old = tmp_path / "old"
    old.mkdir()
    (old / "p.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    (old / "a.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好值守工作的通知</title></head><body>'
        "<h1>关于做好值守工作的通知</h1><table><tr><td>索引号：</td><td>EX0001/2024-00007</td><td>公开属性：</td>"
        "<td>主动公开</td></tr><tr><td>发布日期：</td><td>2024-05-20</td><td>成文日期：</td><td>2024-05-17</td></tr></table>"
        '<div class="content"><p>正文内容。<img src="p.svg" alt="值班图"></p></div></body></html>', encoding="utf-8")
    done = disclosure(root, "import", str(old), "--type", "notice", "--report", "report.json")
    page = by_source(report_of(root))["a.html"]
    assert page["status"] != "通过检查", (done.stdout + done.stderr, page)
    assert any(" E111 " in line and "p.svg" in line for line in page["check"]), page

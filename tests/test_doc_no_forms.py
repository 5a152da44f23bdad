"""Every 文号 form real documents carry is accepted (E105 keeps the real mistakes) and found by search."""

import datetime as dt

import pytest

from disclosure.content.fields import doc_no_parts, doc_no_problem
from disclosure.search.text import doc_no_tokens

from .search_reader import SearchIndexReader
from .sitekit import build, interpretation, policy, write_site

REAL_FORMS = [
    "国令第707号",                          # 行政法规: 国务院令
    "中华人民共和国国务院令第711号",
    "示例市人民政府令第12号",                 # 规章: 政府令
    "主席令第二十九号",                       # 法律: 主席令, Chinese numerals
    "中国人民银行令〔2019〕第3号",             # 部门规章 with the year
    "国办发明电〔2020〕1号",                  # 明电
    "国办公开办函〔2019〕60号",               # 函
    "国家税务总局公告2018年第31号",            # 公告
    "财政部 税务总局公告2019年第39号",         # joint 公告
    "海关总署公告〔2018〕第7号",
    "示应急〔2024〕1号 示财〔2024〕3号",        # joint numbers
    "示应急〔2024〕1号、示财〔2024〕3号",
    "示应急〔2024〕1号，示财〔2024〕3号",
]


@pytest.mark.parametrize("doc_no", REAL_FORMS)
def test_real_forms_are_accepted(doc_no):
    assert doc_no_problem(doc_no) is None


@pytest.mark.parametrize("doc_no, fix", [
    ("辽煤管办[2019]63号", "辽煤管办〔2019〕63号"),
    ("涡政办„2011‟169号", "涡政办〔2011〕169号"),
    ("辽煤管办〔2019〕第01号", "辽煤管办〔2019〕1号"),
    ("示应急〔2024〕1号 示财[2024]3号", "示应急〔2024〕1号 示财〔2024〕3号"),
    ("示应急(2024)1号、示财〔2024〕03号", "示应急〔2024〕1号 示财〔2024〕3号"),
])
def test_real_mistakes_stay_e105_with_the_fix(doc_no, fix):
    assert fix in doc_no_problem(doc_no)


@pytest.mark.parametrize("doc_no", ["第3号", "国令第07号", "示应急〔2024〕1号 另见附件", "示发〔24〕3号", "2024年第1号"])
def test_what_is_no_doc_no_is_e105(doc_no):
    assert doc_no_problem(doc_no)


def test_joint_numbers_are_split_but_a_joint_announcement_stays_whole():
    assert doc_no_parts("示应急〔2024〕1号 示财〔2024〕3号") == ["示应急〔2024〕1号", "示财〔2024〕3号"]
    assert doc_no_parts("财政部 税务总局公告2019年第39号") == ["财政部 税务总局公告2019年第39号"]


def test_each_number_of_a_joint_document_is_a_search_token():
    found = doc_no_tokens("示应急〔2024〕1号 示财〔2024〕3号")
    assert {"eq:示财〔2024〕3号", "no:2024:3", "eq:示应急〔2024〕1号", "no:2024:1"} <= set(found)
    assert {"eq:国令第707号", "no::707"} <= set(doc_no_tokens("国令第707号"))
    assert "no:2018:31" in doc_no_tokens("国家税务总局公告2018年第31号")


@pytest.fixture(scope="module")
def forms_site(tmp_path_factory):
    """One policy per form, built with the real MkDocs and search index."""
    files = {}
    for number, doc_no in enumerate(REAL_FORMS, start=1):
        index_no = f"T001/2024-{number:05d}"
        files[f"policies/p{number}.md"] = policy(index_no=index_no, doc_no=doc_no, title=f"测试县第{number}号文件")
        files[f"interpretations/p{number}.md"] = interpretation(index_no=f"T001/2024-{100 + number:05d}", interprets=index_no,
                                                                title=f"测试县第{number}号文件的解读")
    root = write_site(tmp_path_factory.mktemp("forms"), files, search=True)
    run = build(root)
    assert run.returncode == 0, run.output
    return root / "site"


@pytest.mark.parametrize("number, query", [
    (1, "国令第707号"), (3, "示例市人民政府令第12号"), (4, "主席令第二十九号"), (6, "国办发明电〔2020〕1号"),
    (8, "国家税务总局公告2018年第31号"), (9, "税务总局公告2019年第39号"),
])
def test_a_reader_typing_the_number_finds_the_document(forms_site, number, query):
    hits = SearchIndexReader(forms_site / "search").search(query)
    assert hits and hits[0].url == f"policies/p{number}/", [h.url for h in hits[:3]]


@pytest.mark.parametrize("query", ["示财〔2024〕3号", "示应急〔2024〕1号", "〔2024〕3号"])
def test_either_number_of_a_joint_document_finds_it_first(forms_site, query):
    """p11–p13 carry the same two numbers (joined by space, 、 and ，); they come before any other document."""
    hits = SearchIndexReader(forms_site / "search").search(query)
    assert {hit.url for hit in hits[:3]} == {"policies/p11/", "policies/p12/", "policies/p13/"}, [h.url for h in hits[:5]]

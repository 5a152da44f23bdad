"""The official layout on the page (GB/T 9704-2012): indent, centred lines, 主送机关, 落款, 附件说明, 版记."""

import re

import pytest

from disclosure.rules.fidelity import fidelity_problems, shape_problems

from .officialkit import OFFICIAL, PAGES, official_site
from .test_fidelity import render


def classes(html: str) -> list[tuple[str, str]]:
    """(class, text) of every top-level block of a rendered body, in order ("" for none)."""
    return [(m.group(2) or "", re.sub(r"<[^>]+>", "", m.group(3)))
            for m in re.finditer(r'<(p|h[1-6]|ol)(?: class="([^"]*)")?[^>]*>(.*?)</\1>', html, re.S)]


def body_of(name: str) -> str:
    return (OFFICIAL / f"{name}.md").read_text(encoding="utf-8").split("---\n", 2)[2]


def test_a_notice_pasted_from_word_is_laid_out_as_the_original():
    laid_out = dict((text, cls) for cls, text in classes(render(body_of("notice"))))
    assert laid_out["各县区应急管理局，局机关各科室，各直属单位："] == "dc-addressee"
    assert laid_out["附件：1．2026年汛前安全检查表"] == laid_out["2．汛前安全检查情况汇总表"] == "dc-attachments"
    assert laid_out["示例市应急管理局"] == "dc-signature" and laid_out["2026年4月3日"] == "dc-date"
    assert laid_out["抄送：市防汛抗旱指挥部办公室。"] == laid_out["示例市应急管理局办公室　　2026年4月3日印发"] == "dc-imprint"
    assert laid_out["一、检查范围"] == laid_out["（一）防汛责任制落实情况。"] == ""   # 正文: indented two characters


def test_a_regulation_has_its_centred_order_lines_and_chapters():
    laid_out = classes(render(body_of("order")))
    assert laid_out[:2] == [("dc-centred", "示例市人民政府令"), ("dc-centred", "第12号")]
    assert ("dc-signature", "市长　王示例") in laid_out and ("dc-date", "2026年1月20日") in laid_out
    assert ("dc-centred", "示例市公共场所应急避难设施管理办法") in laid_out   # marked {居中}: the mark never shows
    assert ("dc-centred", "第一章　总则") in laid_out


def test_a_letter_has_its_number_addressee_and_signature():
    laid_out = classes(render(body_of("letter")))
    assert laid_out[:2] == [("dc-centred", "示应急函〔2026〕4号"), ("dc-addressee", "示例市交通运输局：")]
    assert laid_out[-3:] == [("dc-signature", "示例市应急管理局"), ("dc-date", "2026年3月2日"),
                             ("", "（联系人：李示例，电话：0000-1234567）")]


@pytest.mark.parametrize("body, text", [
    ("示例市应急管理局是市政府工作部门，主要职责是：\n（一）贯彻落实方针政策。", "示例市应急管理局是市政府工作部门，主要职责是："),
    ("现将有关事项通知如下。\n各单位：", "各单位："),                          # after a sentence: not a 主送机关
    ("会议于2026年5月6日召开。\n2026年5月6日", "2026年5月6日"),           # a date without a signature above
    ("请认真贯彻落实。\n一、总体要求\n2026年5月6日", "一、总体要求"),        # a numbered heading is no signature
])
def test_what_is_not_unambiguous_is_left_as_body_text(body, text):
    assert ("", text) in classes(render(body))


@pytest.mark.parametrize("mark, cls", [("居中", "dc-centred"), ("居右", "dc-right"), ("顶格", "dc-flush"), ("正文", "")])
def test_a_layout_mark_sets_the_block_and_is_not_text(mark, cls):
    body = f"各县区应急管理局：\n示例文字一行 {{{mark}}}\n正文。"
    page = render(body)
    assert ("dc-addressee", "各县区应急管理局：") in classes(page) and (cls, "示例文字一行") in classes(page)
    assert f"{{{mark}}}" not in page and "{" not in re.sub(r"<[^>]+>", "", page)
    assert fidelity_problems("a.md", body, 1, page) == [] and shape_problems("a.md", body, 1, page) == []


def test_a_mark_on_the_line_below_counts_too():
    assert classes(render("示例市公共场所应急避难设施管理办法\n{居中}\n第一条　正文。"))[0] == ("dc-centred", "示例市公共场所应急避难设施管理办法")


def test_the_mark_cancels_a_wrong_recognition():
    assert classes(render("各有关单位： {正文}\n正文。"))[0] == ("", "各有关单位：")


# --- on the page, in a browser ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def official(tmp_path_factory):
    return official_site(tmp_path_factory.mktemp("official")) / "site"


STYLES = """el => { const s = getComputedStyle(el); return [s.textIndent, s.textAlign, s.fontSize, s.marginTop,
  s.borderTopWidth] }"""


def styles(tab, text):
    indent, align, size, margin, border = tab.locator(".dc-body > *", has_text=text).first.evaluate(STYLES)
    em = float(size.rstrip("px"))
    return round(float(indent.rstrip("px")) / em, 2), align, round(float(margin.rstrip("px")) / em, 1), border


@pytest.mark.browser
@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_reader_sees_the_official_layout(official, browser, media):
    from .browserkit import serve
    with serve(official) as url:
        tab = browser.new_page()
        tab.emulate_media(media=media)
        tab.goto(url + PAGES["notice"])
        assert styles(tab, "为切实做好2026年防汛工作")[:2] == (2.0, "start")              # 正文: two characters in
        assert styles(tab, "各县区应急管理局，局机关各科室")[:2] == (0.0, "start")          # 主送机关 flush left
        signature, date = styles(tab, "示例市应急管理局"), styles(tab, "2026年4月3日")
        assert signature[1] == date[1] == "right" and signature[2] >= 2 and date[2] == 0  # set apart, together
        attachments = styles(tab, "附件：1．")
        assert attachments[2] >= 1.5                                                       # set apart from the text
        imprint = styles(tab, "抄送：")
        assert imprint[0] == 0 and imprint[2] >= 2 and imprint[3] != "0px"                 # 版记 ruled off
        tab.goto(url + PAGES["order"])
        assert styles(tab, "示例市人民政府令")[:2] == (0.0, "center")
        assert styles(tab, "第一章")[1] == "center"
        tab.close()

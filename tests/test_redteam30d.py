"""Round 30d: performance regressions of rounds 27–30a, fixed with the same output and the same findings. The frame
check's parse of every listing page was found by comparing CPU time per phase of a strict build (bench/cpu_where.py)
with 9c7700c on the 1,000-document corpus; a footer's 4,950 pages and a block rendered once per attribute list, by
reading round 30a's changes and timing them on the inputs they read (the corpus has no attachments, no attribute
lists). No timing here: each test says which expensive step an input does not reach again, and that every input the
full check refuses still reaches it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A listing page after the first, as overrides/disclosure/listing.html writes its heading.
NUMBER = '<span class="dc-page-number">（第 3 页，共 8 页）</span>'
LISTING = ('<!doctype html><html><head><link rel="stylesheet" href="../assets/x.css"></head><body><main>'
           f'<h1>政策文件{NUMBER}</h1><ul><li><a href="../a/">某文件</a></li></ul>{{}}</main></body></html>')


def test_the_listing_templates_page_number_is_drawn_small_by_the_style_sheet_not_by_markup():
    """The template wrote the page number in a <small>, which the quick test for shrinking markup takes: every listing
    page after the first went to a parse (round 30d: 9 of its 10 ms), then the quick test left that one form out.
    The number's size is the shipped style sheet's now, and the page's markup shrinks nothing."""
    template = (ROOT / "overrides/disclosure/listing.html").read_text(encoding="utf-8")
    assert "<small>" not in template
    assert NUMBER.replace("3", "{{ d.listing.number }}", 1).replace("8", "{{ d.listing.count }}", 1) in template
    style = (ROOT / "overrides/assets/stylesheets/disclosure.css").read_text(encoding="utf-8")
    assert ".dc-page-number { font-size: smaller;" in style


def test_a_listing_page_after_the_first_is_not_parsed_for_shrunk_text(monkeypatch):
    from disclosure.rules import rendered
    parsed = []
    monkeypatch.setattr(rendered, "as_written", lambda html: parsed.append(1) or html)
    assert rendered._plainly_inert(LISTING.format(""))
    assert rendered.page_findings(LISTING.format("")) == [] and not parsed


def test_shrinking_markup_beside_or_around_the_page_number_still_sends_the_page_to_the_parse():
    """Any shrinking markup on a listing page, beside the page number or around it, is tested and reported as
    the full check reports it."""
    from disclosure.rules import rendered
    from disclosure.text.font_sizes import MAY_SHRINK, may_shrink, shrunk_elements
    around = [f"<small><small><small><small>{NUMBER}</small></small></small></small>",
              f"<sub><sub><sub><sub>{NUMBER}</sub></sub></sub></sub>",
              f'<span class="footnote-ref"><span class="footnote-ref"><sup>{NUMBER}</sup></span></span>',
              f"<kbd><kbd><CODE><code>{NUMBER}</code></CODE></kbd></kbd>", f"<small><small><small><small><small>{NUMBER}"]
    beside = ["<small>", "<SUB>", "<sup x>", "<kbd/>", "<code>", "font-size", "Footnote-Ref", NUMBER * 9 + "<small>"]
    for snippet in around + beside:
        page = LISTING.format(f"<p>1380013{snippet}某某8000</p>")
        assert may_shrink(page, page.lower()) and MAY_SHRINK.search(page), snippet
    for snippet in around:
        page = LISTING.format(f"<p>1380013{snippet}8000</p>")
        assert shrunk_elements(page) and rendered.page_findings(page), snippet
    alone = LISTING.format(NUMBER * 20)
    assert not shrunk_elements(alone) and not may_shrink(alone, alone.lower())


def test_a_footer_every_sheet_prints_is_worked_out_once(monkeypatch):
    """Round 30a tries every page of every count (4,950 texts) where a footer prints both and holds eleven digits
    elsewhere (编号：12345678901 第&P页 共&N页): 0.16 s a footer, and each of a workbook's twelve sheets printed the same
    one (1.9 s; 0.05 before). The same footer is worked out once, and each caller gets its own list."""
    from disclosure.privacy import page_numbers
    from disclosure.privacy.page_numbers import PAGE_COUNT, PAGE_NUMBER, printed
    looked = []
    finder = page_numbers.find_personal_info
    monkeypatch.setattr(page_numbers, "find_personal_info", lambda text, today: looked.append(text) or finder(text, today))
    footer = f"编号：12345678901 第{PAGE_NUMBER}页 共{PAGE_COUNT}页 30d"
    first = printed(footer)
    tried = len(looked)
    again = printed(footer)
    assert first == again == ["编号：12345678901 第1页 共1页 30d"] and first is not again
    assert tried > 1000 and len(looked) == tried
    # A footer printing a datum on one page only is still named by that page, as before.
    card = f"身份证号 11010519900307001{PAGE_NUMBER} 30d"   # its check digit is 7
    assert printed(card) == printed(card) and len(printed(card)) == 2 and printed(card)[1] == "身份证号 110105199003070017 30d"


def test_a_block_holding_many_attribute_lists_is_rendered_once(monkeypatch):
    """Round 30a renders the block around each attribute list with a font-size, to read its sizes as the build does:
    once for each list, so a list of 100 items each with one was rendered 100 times (0.49 s; 0.002 s before). Each block
    is rendered once, and what it shrinks is still named on each list's line."""
    from disclosure.text import markup
    rendered = []
    shrunk = markup.shrunk_elements
    monkeypatch.setattr(markup, "shrunk_elements", lambda html: rendered.append(html) or shrunk(html))
    items = "\n".join(f'- 第{number}项\n  {{: style="font-size:90%" }}' for number in range(100))
    assert not markup._sizes_with_listed_styles(items) and len(rendered) == 1
    hidden = '联系电话 1380013<span style="font-size:50%">某某</span>8000。\n{: style="font-size:50%" }'
    two = f"{hidden}\n{hidden}\n\n正文。\n\n{hidden}"
    found = markup._sizes_with_listed_styles(two)
    assert sorted({item.line for item in found}) == [2, 4, 9] and len(rendered) == 3

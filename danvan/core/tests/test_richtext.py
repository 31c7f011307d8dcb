"""Rich bodies: what the editor sends is kept within the allow-list, Word's leftovers go, and text typed
without the editor keeps its paragraphs and line breaks."""

from danvan.core.richtext import clean_html, for_editor, looks_like_html

WORD = (
    "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
    "<style>p.MsoNormal{margin:0}</style>"
    '<p class=MsoNormal style="mso-margin-top-alt:auto"><b>Kết quả</b> <i>năm 2026</i><o:p></o:p></p>'
    "<p class=MsoNormal>&nbsp;<o:p></o:p></p>"
    '<table class=MsoTableGrid style="border-collapse:collapse"><tr><td width=200 style="mso-border-alt:solid">'
    "<p class=MsoNormal>Ấp 1<o:p></o:p></p></td><td><p class=MsoNormal>120 hộ</p></td></tr></table>"
)


def test_plain_text_keeps_its_paragraphs_and_line_breaks():
    assert (
        clean_html("Đoạn một, dòng 1\nDòng 2\n\nĐoạn hai")
        == "<p>Đoạn một, dòng 1<br>Dòng 2</p><p>Đoạn hai</p>"
    )
    assert clean_html("Giá 5 < 7 và 8 > 3") == "<p>Giá 5 &lt; 7 và 8 &gt; 3</p>"


def test_text_typed_below_the_editors_markup_becomes_paragraphs():
    assert (
        clean_html("<p>Đã có</p>\n\nĐoạn gõ thêm\ndòng hai") == "<p>Đã có</p><p>Đoạn gõ thêm<br>dòng hai</p>"
    )


def test_the_editors_headings_lists_tables_links_and_images_are_kept():
    body = (
        "<h2>Tiêu đề</h2><ul><li><p>Làm đường</p></li></ul><ol><li><p>Một</p></li></ol>"
        '<table style="min-width: 75px"><colgroup><col style="min-width:25px"></colgroup><tbody><tr>'
        '<th colspan="1" rowspan="1"><p>Ấp</p></th><td colspan="2" rowspan="1"><p>120</p></td></tr></tbody></table>'
        '<p><a href="https://dongthap.gov.vn" target="_blank">Cổng</a></p><img src="/media/noi-dung/anh/a.jpg" alt="Đường">'
    )
    cleaned = clean_html(body)
    for kept in (
        "<h2>Tiêu đề</h2>",
        "<ul><li><p>Làm đường</p></li></ul>",
        '<th colspan="1" rowspan="1"><p>Ấp</p></th>',
        '<td colspan="2" rowspan="1">',
        '<a href="https://dongthap.gov.vn" rel="noopener noreferrer">Cổng</a>',
        '<img src="/media/noi-dung/anh/a.jpg" alt="Đường">',
    ):
        assert kept in cleaned, kept
    assert "style" not in cleaned and "colgroup" not in cleaned and "target" not in cleaned


def test_a_paste_from_word_is_cleaned():
    cleaned = clean_html(WORD)
    assert cleaned == (
        "<p><strong>Kết quả</strong> <em>năm 2026</em></p>"
        "<table><tbody><tr><td><p>Ấp 1</p></td><td><p>120 hộ</p></td></tr></tbody></table>"
    )


def test_scripts_handlers_and_dangerous_urls_are_removed():
    cleaned = clean_html(
        '<p onclick="x()">a <a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AA" '
        'onerror="y()"></p><script>alert(1)</script><iframe src="https://x"></iframe>'
    )
    assert cleaned == '<p>a <a rel="noopener noreferrer">x</a></p>'


def test_an_old_plain_body_reaches_the_editor_as_paragraphs():
    assert for_editor("Một\n\nHai") == "<p>Một</p><p>Hai</p>"
    assert for_editor("<p>Một</p>") == "<p>Một</p>"
    assert not looks_like_html("5 < 7") and looks_like_html("<p>x</p>")

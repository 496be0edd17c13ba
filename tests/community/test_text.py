from node.community.text import markdown_to_html, plain_text, sanitise_html


def test_markdown_renders_and_raw_html_is_not_passed_through() -> None:
    html = markdown_to_html("**Samen** de stoep vegen\n\n<script>alert(1)</script>")
    assert "<strong>Samen</strong>" in html
    assert "<script>" not in html


def test_remote_html_keeps_only_safe_tags() -> None:
    html = sanitise_html(
        '<p onclick="x()">Hoi <a href="javascript:alert(1)">x</a>'
        '<a href="https://a.nl">a</a><img src=x onerror=y><iframe></iframe></p>'
    )
    assert "onclick" not in html and "javascript:" not in html
    assert "<img" not in html and "<iframe" not in html
    assert 'href="https://a.nl"' in html and "ugc" in html


def test_plain_text_cuts_at_a_word() -> None:
    assert plain_text("<p>De buurt &amp; het park</p>") == "De buurt & het park"
    assert plain_text("<p>een twee drie vier</p>", limit=10) == "een twee…"

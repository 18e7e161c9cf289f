"""HTML pages: trafilatura's body plus the headline, deck and captions it leaves out."""

from __future__ import annotations

from datetime import date

from graph.loaders import load_bytes
from tests.graph.loaders.conftest import load_one


def test_metadata_gives_title_date_publisher_and_url() -> None:
    article = load_one("en_article.html")
    assert article.title == "Chile picks Korean firm for smart port pilot"
    assert article.published == date(2024, 6, 18)
    assert article.publisher == "Pacific Wire"
    assert article.url == "https://pacificwire.example/news/chile-smart-port?utm_source=rss"
    assert article.language == "en"


def test_body_and_caption_without_scripts_nav_aside_or_footer() -> None:
    article = load_one("en_article.html")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert "Inter-American Development Bank" in article.text
    assert (
        "Container cranes at the port of Valparaiso, where the pilot will start in September." in paragraphs
    )
    for chrome in (
        "Tracking code",
        "Home",
        "Most read",
        "Shipping rates",
        "All rights reserved",
        "Photo:",
        "By Luis",
    ):
        assert chrome not in article.text


def test_page_without_metadata_reads_the_visible_header() -> None:
    article = load_one("ko_article.html")
    assert article.title == "행안부, 몽골에 전자문서 시스템 전수"
    assert article.published == date(2021, 10, 20)
    assert article.publisher == "한결IT신문"  # the <title> suffix, not a guess from the body
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1] == "울란바토르서 공무원 30명 대상 연수…내년 시범 운영"
    assert "▲ 울란바토르에서 열린 전자문서 연수에 참가한 몽골 공무원들." in paragraphs
    for chrome in ("이도현 기자", "dohyun@", "관련기사", "국제 > 전자정부", "사진=", "Copyright"):
        assert chrome not in article.text


def test_title_tag_is_not_body() -> None:
    html = (
        b"<html><head><title>Site Title Words | Example</title></head><body><h1>Palau pilots solar-powered Wi-Fi</h1>"
        b"<p>Palau has switched on solar-powered public Wi-Fi at ten village halls, the energy ministry said.</p>"
        b"</body></html>"
    )
    [result] = load_bytes(html, filename="page.html")
    assert result.article is not None
    assert "Site Title Words" not in result.article.text
    assert result.article.title == "Palau pilots solar-powered Wi-Fi"


def test_json_ld_supplies_date_and_publisher() -> None:
    html = (
        b'<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        b'"datePublished": "2020-11-30T08:00:00Z", "publisher": {"name": "Example Ledger"}}]}</script></head>'
        b"<body><h1>Bhutan digitizes land records</h1><p>Bhutan's land commission has moved all of its paper "
        b"records into an online registry, officials said on Monday.</p></body></html>"
    )
    [result] = load_bytes(html)
    assert result.article is not None
    assert result.article.published == date(2020, 11, 30)
    assert result.article.publisher == "Example Ledger"


def test_logo_in_h1_does_not_become_the_headline() -> None:
    html = (
        "<html><head><title>예시경제 - 조달청, 르완다와 전자조달 협력</title></head><body>"
        '<div class="top"><h1 class="logo"><a href="/">예시경제</a></h1></div>'
        '<div id="article"><h2>조달청, 르완다와 전자조달 협력</h2><div class="info">입력 2019.05.02 10:00</div>'
        "<p>조달청은 르완다 공공조달청과 전자조달 시스템 협력 양해각서를 맺었다고 2일 밝혔다.</p>"
        "<p>두 기관은 나라장터 운영 경험을 공유하기로 했다.</p></div></body></html>"
    )
    [result] = load_bytes(html.encode("utf-8"))
    article = result.article
    assert article is not None
    assert article.title == "조달청, 르완다와 전자조달 협력"
    assert article.published == date(2019, 5, 2)
    assert article.publisher == "예시경제"
    assert article.text.count("예시경제") == 0

"""Pages copied as plain text: headline, deck, body and captions in; menus, tickers and footers out."""

from __future__ import annotations

from datetime import date

from graph.extract import extract
from graph.facts import facts_for_article
from graph.loaders import load_bytes
from graph.loaders._text import parse_page
from tests.graph.loaders.conftest import load_one


def test_korean_page_keeps_story_and_drops_chrome() -> None:
    article = load_one("ko_page.txt")
    assert article.title == "[ICT] 과기정통부, 베트남과 디지털 전환 협력 손잡아"
    assert article.published == date(2024, 3, 12)
    assert article.publisher == "디지털미래일보"
    assert article.language == "ko"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    # The deck loses its "- … -" markers but stays right after the headline.
    assert paragraphs[1] == "하노이서 양해각서 체결…데이터센터·인공지능 인재 양성 공동 추진"
    assert any(p.startswith("과학기술정보통신부는 11일 베트남 하노이에서") for p in paragraphs)
    assert paragraphs[-1].startswith("과기정통부 관계자는")
    for chrome in (
        "로그인",
        "가장작게",
        "한소라 기자",
        "관련기사",
        "많이 본 뉴스",
        "코스피",
        "ⓒ",
        "통신 3사",
        "기사입력",
    ):
        assert chrome not in article.text


def test_repeated_caption_is_kept_once_without_its_credit() -> None:
    article = load_one("ko_page.txt")
    captions = [p for p in article.text.split("\n\n") if p.startswith("▲")]
    assert captions == ["▲ 11일 하노이에서 열린 서명식에서 양국 대표단이 기념 촬영을 하고 있다."]


def test_press_release_publisher_is_the_ministry_on_the_publication_line() -> None:
    article = load_one("ko_press_release.txt")
    assert article.title == "과기정통부, 아세안 10개국과 디지털 인재 교류 워크숍 개최"
    assert article.published == date(2023, 9, 5)
    assert article.publisher == "과학기술정보통신부"
    paragraphs = article.text.split("\n\n")
    # The headline reprinted under the date line is not repeated in the text.
    assert sum("워크숍 개최" in p for p in paragraphs) == 1
    assert paragraphs[1] == "인공지능, 클라우드 교육 과정 공동 개발 논의"
    # A footnote that annotates the paragraph before it is part of the story.
    footnote = next(p for p in paragraphs if p.startswith("* 브루나이"))
    assert paragraphs[paragraphs.index(footnote) - 1].endswith("워크숍을 연다.")
    for chrome in ("바로가기", "누리집", "목록", "담당", "이 자료는", "추천 뉴스", "하반기 경제정책방향"):
        assert chrome not in article.text


def test_english_page_byline_names_the_outlet() -> None:
    article = load_one("en_page.txt")
    assert article.title == "Rwanda and Estonia agree to share digital ID know-how"
    assert article.published == date(2024, 3, 5)
    assert article.publisher == "Harbor Tech Daily"
    assert article.language == "en"
    assert "Officials said the first joint workshop would take place in Tallinn in June." in article.text
    for chrome in ("Skip to content", "Home", "Share", "By Mina Park", "Related stories", "Kenya", "©"):
        assert chrome not in article.text


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    article = load_one("en_page.txt")
    assert "\n\n\n" not in article.text
    assert all(p.strip() == p and p for p in article.text.split("\n\n"))


def test_no_publisher_is_guessed_from_related_news() -> None:
    page = parse_page(
        "서울시, 에콰도르 키토에 교통정보센터 구축\n\n입력 2018-04-02 11:00\n\n"
        "서울시는 에콰도르 키토시에 교통정보센터를 지어 주는 사업을 마쳤다고 2일 밝혔다.\n\n"
        "주요 뉴스\n\n  • 예시경제, 창간 10주년 기념 포럼 열어\n  • 예시일보, 새 디지털 지면 공개\n"
    )
    assert page.title == "서울시, 에콰도르 키토에 교통정보센터 구축"
    assert page.published == date(2018, 4, 2)
    assert page.publisher is None
    assert all("예시" not in p for p in page.paragraphs)


def test_headline_list_without_a_header_ends_the_story() -> None:
    page = parse_page(
        "Tonga gets its first submarine cable repair ship\n\nPublished 2023-01-20\n\n"
        "A cable repair ship funded by Japan arrived in Nuku'alofa on Friday, the government said.\n\n"
        "• Fiji expands rural broadband\n• Samoa tests digital IDs\n• Vanuatu opens data centre\n"
    )
    assert page.paragraphs == [
        "A cable repair ship funded by Japan arrived in Nuku'alofa on Friday, the government said."
    ]


def test_plain_article_without_chrome() -> None:
    page = parse_page(
        "Laos joins regional e-payment network\n\nLaos became the sixth country to join the network."
    )
    assert page.title == "Laos joins regional e-payment network"
    assert page.paragraphs == ["Laos became the sixth country to join the network."]
    assert page.published is None and page.publisher is None


def test_wire_dateline_email_and_end_mark_are_chrome() -> None:
    page = parse_page(
        "정부, 케냐와 디지털 협력 강화\n\n기사공유하기\n입력 2024.03.11 09:00\n\n"
        "(서울=예시통신) 홍길동 기자 = 과학기술정보통신부는 11일 케냐 정보통신부와 협약을 맺었다고 밝혔다.\n\n"
        "hong@example.com\n\n(끝)\n\n<저작권자(c) 예시통신, 무단 전재-재배포 금지>"
    )
    assert page.title == "정부, 케냐와 디지털 협력 강화"
    assert page.paragraphs == ["과학기술정보통신부는 11일 케냐 정보통신부와 협약을 맺었다고 밝혔다."]
    assert page.publisher == "예시통신"


def test_english_dateline_is_dropped_from_the_lead() -> None:
    page = parse_page(
        "Korea Telecom wins Indonesian cloud deal\n\nPublished 2022-08-01\n\n"
        "JAKARTA (Example Wire) — Korea Telecom said on Monday it won a cloud contract in Indonesia."
    )
    assert page.paragraphs == ["Korea Telecom said on Monday it won a cloud contract in Indonesia."]
    assert page.publisher == "Example Wire"


def test_short_deck_joined_by_middle_dots_is_not_a_menu() -> None:
    page = parse_page(
        "섬마을에 디지털 교실 문 열어\n\n입력 2020.01.02 10:00\n\nKT·IOM·UNDP 공동 사업\n\n"
        "KT는 IOM, UNDP와 함께 섬 지역 디지털 교육 사업을 시작한다고 2일 밝혔다."
    )
    assert page.paragraphs[0] == "KT·IOM·UNDP 공동 사업"


def test_posted_by_line_names_no_publisher() -> None:
    page = parse_page(
        "Korea, Peru renew e-government pact\n\nPosted on 2024-03-05 by admin\n\n"
        "The two governments renewed their digital government agreement in Lima on Monday.\n\n"
        "Related ministries will join the next phase."
    )
    assert page.published == date(2024, 3, 5)
    assert page.publisher is None
    # A sentence that merely starts with "Related" is story, not a related-news header.
    assert page.paragraphs[-1] == "Related ministries will join the next phase."


def test_capitals_masthead_takes_the_spelling_of_the_copyright_line() -> None:
    page = parse_page(
        "HARBOUR TIMES\nHome | World | Tech | Opinion\n\n"
        "Chile and Japan agree to share seismic data\n\nBy Ana Ruiz\nPublished: 3 May 2023\n\n"
        "Chile and Japan agreed on Tuesday to share earthquake sensor data.\n\n"
        "(c) 2023 Harbour Times. All rights reserved."
    )
    assert page.publisher == "Harbour Times"


def test_a_breaking_news_ticker_above_the_headline_is_not_the_title() -> None:
    page = (
        "데일리테크\n홈 | 뉴스 | 통신\n[속보] 다른 기사의 긴급 제목이 여기에 걸려 있다\n\n"
        "과기정통부, 라오스와 디지털 정부 협력 확대\n\n입력 2024-03-04 10:00\n\n"
        "과학기술정보통신부는 라오스 기술통신부와 디지털 정부 협력을 확대하기로 했다고 4일 밝혔다.\n"
    )
    (result,) = load_bytes(page.encode(), filename="page.txt")
    assert result.article is not None
    assert result.article.title == "과기정통부, 라오스와 디지털 정부 협력 확대"
    assert "속보" not in result.article.text


def test_a_section_label_in_capitals_above_the_headline_is_not_the_title() -> None:
    page = (
        "HARBOUR DIGITAL NEWS\nHome | World | Business | Gov Tech\n\nGOV TECH\n\n"
        "Fiji and Korea launch an e-government academy in Suva\n\n"
        "Officials from six ministries will train there this year\n\n"
        "By Sam Lee\nPublished: 4 March 2024 | 10:12 AM\nShare: Facebook | X | LinkedIn | Email\n\n"
        "Fiji's Ministry of Communications and the Korea International Cooperation Agency opened an "
        "e-government academy in Suva on Monday to train civil servants.\n"
    )
    page_result = parse_page(page)
    assert page_result.title == "Fiji and Korea launch an e-government academy in Suva"
    assert not any("Share" in p or "LinkedIn" in p for p in page_result.paragraphs)


def test_the_time_zone_after_the_clock_is_not_the_publisher() -> None:
    page = (
        "Lagoon launches a digital ID pilot with its neighbours\n\n"
        "Published: 12 May 2024 | Updated: 12 May 2024 16:40 EAT\n\n"
        "The interior ministry said on Sunday it had started a digital identity pilot with two "
        "neighbouring countries.\n"
    )
    assert parse_page(page).publisher is None


def test_a_press_release_headline_follows_its_date_and_contact_lines() -> None:
    page = (
        "본문 바로가기   주메뉴 바로가기\n\n행정안전부\n보도자료\n\n"
        "배포일시: 2024. 6. 3.(월)   보도일시: 즉시 보도 가능\n담당: 디지털정부국 국제협력과\n\n"
        "행안부, 페루와 디지털정부 협력 양해각서 체결\n"
        "- 행정정보 공유와 민원 서비스 분야 협력 -\n\n"
        "행정안전부는 3일 페루 디지털정부청과 디지털정부 협력 양해각서를 체결했다고 밝혔다.\n"
    )
    page_result = parse_page(page)
    assert page_result.title == "행안부, 페루와 디지털정부 협력 양해각서 체결"
    assert page_result.publisher == "행정안전부"
    assert page_result.published == date(2024, 6, 3)
    assert page_result.paragraphs[-1].startswith("행정안전부는 3일 페루")


def test_a_correspondents_dateline_byline_is_not_body() -> None:
    page = (
        "스리랑카에 전자조달 시스템 수출…조달청 첫 남아시아 진출\n\n입력 2024-04-02 09:30\n\n"
        "콜롬보=한지수 특파원\n\n"
        "조달청은 스리랑카 재무부와 전자조달 시스템 구축 계약을 체결했다고 2일 밝혔다.\n"
    )
    page_result = parse_page(page)
    assert not any("특파원" in p for p in page_result.paragraphs)
    assert page_result.paragraphs[0].startswith("조달청은")


def test_a_line_of_related_headlines_behind_a_prefix_is_chrome() -> None:
    page = parse_page(
        "Ghana launches national e-signature service\n\nPublished 2024-05-02\n\n"
        "Ghana's communications ministry launched a national e-signature service on Thursday.\n\n"
        "Related: Norway tests cloud voting | Uruguay opens open-data portal\n\n"
        "Related agencies will join the programme next year.\n\n"
        "Tags: e-signature, Ghana, Norway"
    )
    assert page.paragraphs == [
        "Ghana's communications ministry launched a national e-signature service on Thursday.",
        # Only the colon marks the prefix: a sentence opening with the same word is story.
        "Related agencies will join the programme next year.",
    ]


def test_related_link_lines_give_no_text_and_no_countries() -> None:
    (result,) = load_bytes(
        b"Ghana launches national e-signature service\n\nPublished 2024-05-02\n\n"
        b"Ghana's communications ministry launched a national e-signature service on Thursday.\n\n"
        b"Citizens will be able to sign tax forms and land records from their phones, the minister said.\n\n"
        b"Read more: Norway tests cloud voting | Uruguay opens open-data portal\n\n"
        b"See also: Peru signs e-health deal\n\n"
        b"More from Example Wire: Chile hits 15 million digital ID users\n",
        filename="page.txt",
    )
    article = result.article
    assert article is not None
    for name in ("Norway", "Uruguay", "Peru", "Chile", "Read more", "See also", "More from"):
        assert name not in article.text
    assert facts_for_article(article, extract(article))["countries"] == ["GH"]


def test_korean_related_article_lines_are_chrome() -> None:
    page = parse_page(
        "정부, 가나와 전자서명 협력\n\n입력 2024.05.02 10:00\n\n"
        "행정안전부는 2일 가나 정보통신부와 전자서명 협력 양해각서를 맺었다고 밝혔다.\n\n"
        "▶ 관련기사: 노르웨이, 클라우드 투표 시험\n\n"
        "[관련기사] 우루과이, 공공데이터 포털 개설\n\n"
        "관련 부처들도 내년부터 사업에 참여한다.\n\n"
        "함께 보면 좋은 기사\n\n페루, 전자보건 협약 체결\n"
    )
    assert page.paragraphs == [
        "행정안전부는 2일 가나 정보통신부와 전자서명 협력 양해각서를 맺었다고 밝혔다.",
        "관련 부처들도 내년부터 사업에 참여한다.",
    ]


def test_bracketed_share_buttons_are_chrome() -> None:
    page = (
        "부산시, 수라바야와 스마트시티 협약\n\n"
        "[페이스북] [카카오톡] [링크복사] [인쇄] [가-] [가+]\n\n"
        "부산시가 인도네시아 수라바야시와 스마트시티 업무협약을 맺었다고 14일 밝혔다."
    )
    parsed = parse_page(page)
    assert parsed.paragraphs == [
        "부산시가 인도네시아 수라바야시와 스마트시티 업무협약을 맺었다고 14일 밝혔다."
    ]

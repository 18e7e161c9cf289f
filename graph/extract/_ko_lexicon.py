"""Word lists behind the Korean rules: suffixes that make a name an organization, a site or
a title, and the common nouns that merely look like one."""

from __future__ import annotations

import re

from graph.model import OrgKind

# Organization head nouns, longest first, with the kind each implies.
ORG_SUFFIXES: tuple[tuple[str, OrgKind], ...] = (
    ("위원회", "government"),
    ("컨소시엄", "other"),
    ("진흥원", "government"),
    ("정보원", "government"),
    ("개발원", "government"),
    ("평가원", "government"),
    ("협력단", "government"),
    ("공사", "company"),
    ("공단", "government"),
    ("연구원", "research"),
    ("연구소", "research"),
    ("대학교", "academic"),
    ("대학", "academic"),
    ("재단", "ngo"),
    ("협회", "other"),
    ("협의회", "other"),
    ("기구", "international"),
    ("연합", "international"),
    ("은행", "company"),
    ("그룹", "company"),
    ("전자", "company"),
    ("텔레콤", "company"),
    ("부", "government"),
    ("처", "government"),
    ("청", "government"),
)

# Units of an organization ("KT 홍보실", "전자정부국", "스마트서비스과").
UNIT_SUFFIXES = (
    "사업실",
    "본부",
    "센터",
    "연구소",
    "사업부",
    "부문",
    "총괄",
    "사무소",
    "지사",
    "실",
    "국",
    "과",
    "팀",
    "단",
)
# Head nouns of units only: never a whole organization on their own ("글로벌사업본부").
UNIT_ONLY = ("본부", "사업부", "부문", "사무소", "지사", "사업단", "추진단")

# Common nouns ending like organizations.
NOT_ORG = {
    # delegations and groups of visitors: people sent by a body, not a body
    "대표단",
    "방문단",
    "사절단",
    "시찰단",
    "연수단",
    "참관단",
    "취재단",
    "정부",
    "내부",
    "외부",
    "전부",
    "일부",
    "본부",
    "세부",
    "간부",
    "지도부",
    "수뇌부",
    "대부분",
    "학부",
    "관계부처",
    "정부부처",
    "중앙부처",
    "부처",
    "각부처",
    "요청",
    "신청",
    "초청",
    "시청",
    "경청",
    "도청",
    "구청",
    "대처",
    "출처",
    "거래처",
    "연락처",
    "사용처",
    "판매처",
    "공급처",
    "수요처",
    "투자처",
    "국제기구",
    "전문기구",
    "산하기구",
    "협력기구",
    "기구",
    "은행",
    "대학",
    "연구원",
    "연구소",
    "공사",
    "재단",
    "협회",
    "위원회",
    "공단",
    "그룹",
    "전자",
    "국내외",
    "상대부",
    "중장기",
    "시중은행",
    "지방은행",
    "개발은행",
    "국책은행",
    "민간은행",
    "중앙은행",
    "대학교",
    "학교",
    "전문가그룹",
    "정책연구원",
    "회원국연합",
}
# Common nouns that end in an organization suffix ("분산서비스거부" is denial of service, "참석
# 여부" whether one attends): no ministry or agency name ends so.
NOT_ORG_ENDINGS = ("거부", "여부", "포부", "승부", "기부")
NOT_ORG_PREFIXES = (
    "국제",
    "전문",
    "산하",
    "관계",
    "중앙",
    "해당",
    "관련",
    "주요",
    "각",
    "유관",
    "소속",
    "양",
)
DIRECTION_PART = re.compile(r"^(동|서|남|북|중|동남|동북|서남|서북|남동|남서|북동|북서|중남|중북)부$")

# Titles of people; a title word ends with one of these.
TITLE_SUFFIXES = (
    "사무총장",
    "사무차장",
    "대표이사",
    "이사장",
    "본부장",
    "센터장",
    "그룹장",
    "위원장",
    "부총재",
    "부회장",
    "부사장",
    "대통령",
    "장관",
    "차관",
    "실장",
    "국장",
    "원장",
    "사장",
    "대표",
    "회장",
    "총장",
    "청장",
    "대사",
    "교수",
    "박사",
    "단장",
    "부장",
    "과장",
    "팀장",
    "총리",
    "시장",
    "지사",
    "소장",
    "처장",
    "의원",
    "차장",
    "총재",
    "관장",
    "전무",
    "상무",
    "이사",
    "고문",
    "위원",
    "공사",
    "영사",
    "주임",
    "연구원",
    "책임자",
    "매니저",
    "정책관",
    "협력관",
    "기획관",
    "심의관",
    "조정관",
    "보좌관",
    "대변인",
)
NOT_PERSON_TITLES = {"기자", "특파원", "논설위원", "기자단"}

SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공"
    "현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부"
)

# Venues and buildings: a word ending with one of these names a place when it is located
# ("…에서") or qualified by an organization or a place.
VENUE_SUFFIXES = (
    "컨벤션센터",
    "전시컨벤션센터",
    "대회의실",
    "회의실",
    "의전실",
    "접견실",
    "회의장",
    "연수센터",
    "연수원",
    "호텔",
    "사옥",
    "청사",
    "본사",
    "본원",
    "빌딩",
    "타워",
    "센터",
    "홀",
    "캠퍼스",
    "박물관",
    "전시장",
    "전시관",
    "광장",
    "공항",
    "스퀘어",
    "시청",
    "구청",
    "군청",
    "도청",
)
BUILDING_SUFFIXES = ("사옥", "청사", "본사", "본원", "빌딩", "타워", "시청", "구청", "군청", "도청")
# A local government's hall ("부산시청"); 시청 is also "viewing", so the rest must be a known place.
HALL_SUFFIXES = ("시청", "구청", "군청", "도청")
GENERIC_VENUE = {
    "센터",
    "홀",
    "본사",
    "본원",
    "빌딩",
    "타워",
    "현장",
    "회의실",
    "호텔",
    "공항",
    "광장",
    "청사",
}

# A college named only by its field ("공과대학", "의과대학") is a kind of college, not one body,
# unless a university is written before it.
GENERIC_COLLEGE = re.compile(
    r"(공|의|법|치|약|한의|수의|문|이|사범)과?대학|"
    r"(공학|약학|의학|간호|간호학|경영|경영학|경제|인문|사회과학|자연과학|예술|미술|음악|체육|농업|생활과학|"
    r"정보통신|소프트웨어)대학"
)

# Product lines whose names end like a place ("갤럭시" is Samsung's phones, not a city "…시").
PRODUCT_LINES = {"갤럭시", "아이폰", "아이패드", "맥북", "픽셀", "엑시노스"}
# Product nouns after a word make it a brand ("갤럭시 스마트폰"), not a place or a body.
PRODUCT_NOUNS = ("스마트폰", "폰", "태블릿", "탭", "워치", "노트북", "버즈", "단말", "신제품", "시리즈")

# Place words by suffix: city, county, district.
PLACE_SUFFIXES: tuple[tuple[str, str], ...] = (("시", "city"), ("군", "county"), ("구", "district"))
NOT_PLACE = {
    "당시",
    "동시",
    "수시",
    "역시",
    "임시",
    "표시",
    "개시",
    "지시",
    "게시",
    "중시",
    "감시",
    "무시",
    "제시",
    "도시",
    "일시",
    "즉시",
    "상시",
    "평시",
    "연구",
    "요구",
    "추구",
    "도구",
    "기구",
    "가구",
    "완구",
    "입구",
    "출구",
    "창구",
    "부군",
    "아군",
    "적군",
    "국군",
    "해군",
    "공군",
    "육군",
    "장군",
    "대군",
    "시",
    "군",
    "구",
}

AGREEMENT_WORDS: tuple[tuple[str, str], ...] = (
    ("업무협약", "mou"),
    ("업무 협약", "mou"),
    ("양해각서", "mou"),
    ("MOU", "mou"),
    ("MoU", "mou"),
    ("협력약정", "agreement"),
    ("협정", "agreement"),
    ("약정", "agreement"),
    # a KOICA project's Record of Discussions binds both governments to carry it out
    ("협의의사록", "agreement"),
    ("R/D", "agreement"),
    ("의향서", "letter_of_intent"),
    ("LOI", "letter_of_intent"),
    ("파트너십", "partnership"),
    ("공동선언", "declaration"),
    ("선언문", "declaration"),
    ("계약", "contract"),
    ("협약", "mou"),
)
# Press short forms that are also common words ("수은" is mercury): they name the body only in
# an article that has already written its full name.
PRESS_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "수은": ("한국수출입은행", "수출입은행"),
    "산은": ("한국산업은행", "산업은행"),
    "기은": ("IBK기업은행", "기업은행"),
}
CONCLUDED = re.compile(
    r"(체결|서명|교환|조인|합의)(했|하였|한|해|하고|하는|됐|되었|된|식을 가졌|식을 갖고)|맺(었|은|고|어)|맺는 등|"
    r"손(을 )?잡(았|고|은)|(체결|서명)(\s|…|$)"
)
# A declaration is concluded when adopted ("공동선언문을 채택했다"); other words are not,
# since "협약 … 과제로 채택됐다" speaks of a project picked for funding.
ADOPTED = re.compile(r"채택(했|하였|한|하고|됐|되었|된)|" + CONCLUDED.pattern)
PLANNED = re.compile(
    r"(체결|서명|맺)(할|을) (예정|계획)|(체결|서명|맺)(키로|기로|하기로)|체결식을 갖는다|체결을 추진|"
    r"체결할|맺을|서명할|추진한다|검토|채택할|채택(키로|하기로)|채택을 (추진|목표)"
)

EVENT_WORDS: tuple[tuple[str, str], ...] = (
    ("워크숍", "workshop"),
    ("워크샵", "workshop"),
    ("컨퍼런스", "conference"),
    ("콘퍼런스", "conference"),
    ("학술대회", "conference"),
    ("총회", "meeting"),
    ("포럼", "forum"),
    ("세미나", "seminar"),
    ("심포지엄", "seminar"),
    ("설명회", "seminar"),
    ("상담회", "meeting"),
    ("초청연수", "training"),
    ("연수", "training"),
    ("교육과정", "training"),
    ("전문가 과정", "training"),
    ("과정", "training"),
    ("스터디투어", "study_tour"),
    ("견학", "study_tour"),
    ("시찰", "study_tour"),
    ("박람회", "exhibition"),
    ("전시회", "exhibition"),
    ("엑스포", "exhibition"),
    ("정상회의", "meeting"),
    ("장관회의", "meeting"),
    ("회의", "meeting"),
    ("회담", "meeting"),
    ("면담", "meeting"),
    ("간담회", "meeting"),
    ("보고회", "meeting"),
    ("개소식", "other"),
    ("착수식", "other"),
    ("발족식", "other"),
    ("개막식", "other"),
    ("기공식", "other"),
    ("기념식", "other"),
    ("출범식", "other"),
    ("개통식", "other"),
    ("준공식", "other"),
)
HELD = re.compile(
    r"(주최|주관|개최|진행|개막|운영|참석|참가|참여|마련|열렸|열린|열리|열어|열고|연다|열었|열 계획|가졌|갖는|가진|갖고|시작하는|시작한다|"
    r"시작해|시작했)"
)
RECURRING = re.compile(r"(해\s?왔|매년|매해|정기적으로|해마다|부터 .*(개최|운영)해 오)")
NOT_EVENT_CONTEXT = re.compile(r"(체결식|서명식|출시|신제품|실적|소송|공시|기자간담회)")

PROJECT_HEADS = ("프로젝트", "사업", "프로그램", "플랫폼", "펀드", "기금")
GENERIC_PROJECT_WORDS = {
    "관련",
    "해외",
    "협력",
    "공동",
    "지원",
    "이번",
    "해당",
    "각종",
    "주요",
    "신규",
    "기존",
    "여러",
    "다양한",
    "국제협력",
    "민관협력",
    "해외사업",
    "협력사업",
    "사업",
    "프로젝트",
    "프로그램",
    "개도국",
    "이",
    "그",
    "본",
    "글로벌",
    "분야",
    "등",
    "및",
    "위한",
    "통한",
    "현지",
    "국내",
    "연구개발",
    "수익",
    "대상",
    "개발",
}

# Korean news reports scheduled events in the present tense ("4일 … 포럼이 열린다").
FUTURE = re.compile(
    r"(할|을) (예정|계획)|예정이다|계획이다|(한다|된다|린다|는다|진다|연다|갖는다)[.\"”']*$|"
    r"(한다|된다|린다|는다|연다)고 \d+일 밝혔다"
)
ANNOUNCED = re.compile(r"^\s*(밝혔|발표했|전했|말했|알렸|설명했|덧붙였)")

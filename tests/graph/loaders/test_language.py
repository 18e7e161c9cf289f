from __future__ import annotations

import pytest

from graph.errors import UnsupportedLanguage
from graph.loaders._language import detect_language, normalize_language


def test_korean_with_many_acronyms_is_korean() -> None:
    assert detect_language("KT, IOM과 ICT MOU 체결…GiGA Island 글로벌 확산") == "ko"


def test_english_is_english() -> None:
    assert detect_language("The ministry said it will sign the agreement with the bank.") == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("デジタル庁はベトナムと覚書を結んだ。", "ja"),
        ("数字政府合作备忘录已经签署，双方将共同建设数据中心。", "zh"),
        ("Министерство подписало соглашение о цифровом сотрудничестве.", "ru"),
        ("Le ministère a signé un accord avec la banque pour les services numériques de la ville.", "fr"),
    ],
)
def test_other_languages_are_refused_by_name(text: str, language: str) -> None:
    with pytest.raises(UnsupportedLanguage, match=f"language '{language}' is not supported"):
        detect_language(text)


def test_no_letters() -> None:
    with pytest.raises(UnsupportedLanguage):
        detect_language("2024 — 12:30 … 100%")


def test_declared_languages() -> None:
    assert normalize_language("ko-KR") == "ko"
    assert normalize_language("en_US") == "en"
    assert normalize_language("ja") is None
    assert normalize_language(None) is None

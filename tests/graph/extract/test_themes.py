"""Themes read from the SKOS scheme's labels (graph.extract.themes)."""

from __future__ import annotations

from graph.extract.themes import themes_in


def test_korean_labels_match_with_particles_in_order_of_first_mention() -> None:
    assert themes_in("부산시는 전자정부와 스마트시티 협력을 논의했다. 전자정부 연수도 연다.") == [
        "e-government",
        "smart-city",
    ]


def test_latin_labels_match_in_any_case_and_spelling_but_only_as_words() -> None:
    assert themes_in("The SAID report covers SMART-CITY pilots and ai tools.") == ["smart-city", "ai"]
    assert themes_in("Saidi and Haiti signed nothing.") == []


def test_text_without_a_label_has_no_theme() -> None:
    assert themes_in("") == []
    assert themes_in("오늘은 날씨가 맑다.") == []

"""Browsing agreements, events and projects with filters, as the API lists them."""

from __future__ import annotations

import pytest

from graph.browse import agreements, date_filter, events, projects
from graph.errors import InputError, NotFound
from graph.store import Store
from tests.api.conftest_data import example_store


@pytest.fixture(scope="module")
def store() -> Store:
    return example_store()


def test_the_koica_minict_mou_is_listed_with_its_date_and_sentence(store: Store) -> None:
    page = agreements(store, party="KOICA")
    mou = next(a for a in page.items if any(p.label == "MINICT" for p in a.parties))
    assert mou.kind == "mou" and mou.date == "2019-03-12"
    assert len(mou.parties) == 2 and "org/koica" in {p.id for p in mou.parties}
    assert any("양해각서" in e.sentence for e in mou.evidence)
    assert mou.articles and mou.articles[0].startswith("https://w3id.org/digicoop/id/article/")
    assert all(any(p.id == "org/koica" for p in a.parties) for a in page.items)
    assert page.total == len(page.items)


def test_newest_first_and_pagination(store: Store) -> None:
    everything = agreements(store, limit=500)
    dates = [a.date for a in everything.items if a.date]
    assert dates == sorted(dates, reverse=True)
    second = agreements(store, limit=2, offset=2)
    assert second.total == everything.total
    assert [a.iri for a in second.items] == [a.iri for a in everything.items[2:4]]


def test_country_by_code_and_by_korean_name_agree(store: Store) -> None:
    by_name = agreements(store, country="르완다")
    assert by_name.filters["country"].id == "country/RW"
    assert by_name.total >= 2
    assert [a.iri for a in by_name.items] == [a.iri for a in agreements(store, country="RW").items]


def test_theme_by_slug_and_by_korean_name(store: Store) -> None:
    by_slug = agreements(store, theme="smart-city")
    assert by_slug.total >= 1
    assert [a.iri for a in by_slug.items] == [a.iri for a in agreements(store, theme="스마트시티").items]


def test_dates_of_different_precision_compare_on_their_prefix(store: Store) -> None:
    page = agreements(store, party="KOICA", date_from="2017-11-15", date_to="2017")
    # signed "2017-11" and "2017-12": both may fall after the 15th of November 2017
    assert sorted(a.date for a in page.items if a.date) == ["2017-11", "2017-12"]
    assert agreements(store, party="KOICA", date_from="2019-03-13", date_to="2019").total == 0


def test_events_by_organizer_and_site(store: Store) -> None:
    page = events(store, organizer="코이카", site="Kigali")
    assert page.total >= 1
    assert all(e.start and e.start.startswith("2019") for e in page.items)


def test_projects_at_a_site(store: Store) -> None:
    page = projects(store, site="키갈리")
    assert [p.label for p in page.items] == ["르완다 전자정부 서비스 고도화 사업"]
    assert page.items[0].start == "2019-03-12"


def test_unknown_entities_and_bad_dates_are_errors(store: Store) -> None:
    with pytest.raises(NotFound):
        agreements(store, party="No Such Organization Anywhere")
    with pytest.raises(InputError):
        agreements(store, date_from="2019-02-30")


def test_the_date_filter_is_only_digits_and_dashes() -> None:
    assert '"2019-03"' in date_filter("?d", "2019-03", None)
    assert date_filter("?d", None, None) == ""

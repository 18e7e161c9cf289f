"""The public entry points: formats, sniffing, sizes, encodings and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import loaders
from graph.errors import EmptyInput, InputTooLarge, UnsupportedFormat, UnsupportedLanguage
from graph.loaders import MAX_BYTES, load_bytes, load_path, load_paths

KO_TEXT = "과기정통부, 케냐와 디지털 정부 협력\n\n과학기술정보통신부는 케냐 정보통신부와 디지털 정부 협력 양해각서를 맺었다고 밝혔다."


def test_format_is_sniffed_without_an_extension(fixtures: Path) -> None:
    for name in ("articles.json", "feed.rss", "feed.atom", "en_article.html", "ko_page.txt"):
        data = (fixtures / name).read_bytes()
        by_name = [r.article for r in load_path(fixtures / name)]
        sniffed = [r.article for r in load_bytes(data)]
        assert [a.text if a else None for a in sniffed] == [a.text if a else None for a in by_name], name


def test_media_type_chooses_the_format() -> None:
    html = b"<p>Nepal and Korea open a joint ICT centre in Kathmandu, the two governments said.</p>"
    [as_text] = load_bytes(html, media_type="text/plain; charset=utf-8")
    [as_html] = load_bytes(html, media_type="text/html")
    assert as_text.article is not None and "<p>" in as_text.article.text
    assert as_html.article is not None and "<p>" not in as_html.article.text


def test_japanese_article_is_refused_with_a_clear_message(fixtures: Path) -> None:
    [result] = load_path(fixtures / "ja_article.txt")
    assert result.article is None
    assert result.error == "language 'ja' is not supported: digicoop reads Korean and English"
    assert isinstance(result.exception, UnsupportedLanguage)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        load_bytes(data)


def test_page_of_chrome_only_has_no_article() -> None:
    [result] = load_bytes("홈 | 정책 | 통신 | 방송\nⓒ 예시뉴스. 무단전재 및 재배포 금지\n".encode())
    assert result.article is None and isinstance(result.exception, EmptyInput)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"some text\x00\x01\x02 with NUL bytes", "NUL bytes"),
    ],
)
def test_binary_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedFormat, match=message):
        load_bytes(data)


def test_unsupported_extension() -> None:
    with pytest.raises(UnsupportedFormat, match=r"'\.docx' files are not supported"):
        load_bytes(b"plain words", filename="report.docx")


def test_invalid_utf8_that_is_not_korean_fails_clearly() -> None:
    with pytest.raises(UnsupportedFormat, match=r"not valid UTF-8 \(bad byte at offset 6\)"):
        load_bytes(b"Hello \xff\xfe\xfd world, this is broken.")


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_legacy_korean_encodings_are_read(encoding: str) -> None:
    [result] = load_bytes(KO_TEXT.encode(encoding), filename="old.txt")
    assert result.article is not None
    assert result.article.title == "과기정통부, 케냐와 디지털 정부 협력"


def test_too_large_input() -> None:
    with pytest.raises(InputTooLarge, match="at most 20 MB"):
        load_bytes(b"a" * (MAX_BYTES + 1))


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputTooLarge):
        load_path(big)


def test_html_scripts_never_reach_the_text() -> None:
    html = (
        "<html><body><script>alert('x')</script><h1>Malawi trains 300 teachers in coding</h1>"
        "<p>Malawi's education ministry trained 300 teachers in basic coding this year, it said.</p>"
        "<script>document.write('ad')</script></body></html>"
    )
    [result] = load_bytes(html.encode(), filename="x.html")
    assert result.article is not None
    assert "alert" not in result.article.text and "document.write" not in result.article.text


def test_load_paths_walks_folders_globs_and_reports_bad_files(fixtures: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(KO_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "notes.bin").write_bytes(b"ignored: not an article extension")
    results = list(load_paths([tmp_path, str(fixtures / "*.atom"), tmp_path / "missing-*.txt"]))
    by_source = {Path(r.source.split("#")[0]).name: r for r in results}
    assert by_source["a.txt"].ok
    assert not by_source["b.txt"].ok and "binary" in (by_source["b.txt"].error or "")
    assert "notes.bin" not in by_source
    assert sum(1 for r in results if "feed.atom" in r.source) == 2
    assert any(r.error == f"no file matches '{tmp_path / 'missing-*.txt'}'" for r in results)


def test_article_source_is_the_file_name(fixtures: Path) -> None:
    [result] = load_path(fixtures / "ko_page.txt")
    assert result.article is not None and result.article.source == "ko_page.txt"


def test_public_surface() -> None:
    for name in ("load_bytes", "load_path", "load_paths", "article_iri", "LoadResult", "MAX_BYTES"):
        assert hasattr(loaders, name)
    assert MAX_BYTES == 20 * 1024 * 1024


def test_random_high_bytes_are_not_taken_for_korean() -> None:
    # Bytes 0x81-0xFE pair up into CP949 characters; noise must still be refused, not read as Korean.
    noise = bytes((37 * i) % 126 + 129 for i in range(600))
    with pytest.raises(UnsupportedFormat):
        load_bytes(noise)


def test_control_code_soup_is_binary() -> None:
    with pytest.raises(UnsupportedFormat, match="binary"):
        load_bytes(bytes(range(1, 32)) * 20)

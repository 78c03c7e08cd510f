"""Tests for progress.charts: accessible, escaped inline SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from progress.charts import (
    bar_toward_target,
    coverage_meter,
    percent_nb,
    skill_bar,
    sparkline,
)

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def _check_accessible(svg: str) -> ET.Element:
    root = _parse(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def test_bar_toward_target() -> None:
    svg = bar_toward_target(0.62, target=0.8, label="Arbeid eller utdanning")
    root = _check_accessible(svg)
    assert root.find(f"{NS}desc").text == "62 %, mål 80 %"  # type: ignore[union-attr]
    rects = root.findall(f"{NS}rect")
    assert float(rects[1].get("width", "0")) == 0.62 * 240
    line = root.find(f"{NS}line")
    assert line is not None and float(line.get("x1", "0")) == 0.8 * 240


def test_values_are_clamped() -> None:
    root = _parse(bar_toward_target(1.7, target=-1, label="x"))
    assert float(root.findall(f"{NS}rect")[1].get("width", "0")) == 240


def test_text_is_escaped() -> None:
    evil = '<script>alert("x")</script> & "Ås"'
    for svg in (
        bar_toward_target(0.5, target=0.8, label=evil),
        coverage_meter(0.5, label=evil, caption=evil),
        sparkline([0.1, 0.2], label=evil),
        skill_bar(0.2, target="B1", label=evil, level="B1"),
    ):
        assert "<script>" not in svg
        root = _check_accessible(svg)
        assert root.find(f"{NS}title").text == evil  # type: ignore[union-attr]


def test_coverage_meter_shows_percent() -> None:
    root = _check_accessible(coverage_meter(0.724, label="Du kan 72 % av ordene", caption="ord"))
    texts = [t.text for t in root.findall(f"{NS}text")]
    assert texts == ["72 %", "ord"]
    assert percent_nb(0.005) == "0 %" and percent_nb(1.2) == "100 %"
    # The participant's meter speaks like the sentence next to it: "54 / av 100 ord".
    root = _check_accessible(
        coverage_meter(0.547, label="Du kan", caption="av 100 ord", value_text="54")
    )
    assert [t.text for t in root.findall(f"{NS}text")] == ["54", "av 100 ord"]


def test_skill_bar_has_band_labels_and_target() -> None:
    root = _check_accessible(skill_bar(0.4, target="B1", label="Muntlig", level="B1"))
    assert [t.text for t in root.findall(f"{NS}text")] == ["A1", "A2", "B1", "B2"]
    assert root.find(f"{NS}desc").text == "Nivå omtrent B1, mål B1"  # type: ignore[union-attr]
    empty = _check_accessible(skill_bar(None, target="A2", label="Skriving"))
    assert empty.find(f"{NS}desc").text == "Ingen svar ennå, mål A2"  # type: ignore[union-attr]


def test_sparkline() -> None:
    root = _check_accessible(sparkline([0.2, 0.35, 0.5], label="Dekning over tid"))
    poly = root.find(f"{NS}polyline")
    assert poly is not None
    ys = [float(p.split(",")[1]) for p in poly.get("points", "").split()]
    assert ys == sorted(ys, reverse=True)  # rising values are drawn higher up
    assert root.find(f"{NS}desc").text == "Fra 20 % til 50 % over 3 målinger"  # type: ignore[union-attr]
    assert "Ingen data" in sparkline([], label="x")
    _check_accessible(sparkline([0.3], label="x"))


def test_ids_unique_per_content_and_prefix() -> None:
    a = bar_toward_target(0.1, target=0.8, label="A")
    b = bar_toward_target(0.2, target=0.8, label="A")
    ids = lambda s: re.findall(r'id="([^"]+)"', s)  # noqa: E731
    assert set(ids(a)).isdisjoint(ids(b))
    c = bar_toward_target(0.1, target=0.8, label="A", id_prefix="elev 7")
    assert ids(c) == ["elev-7-t", "elev-7-d"]

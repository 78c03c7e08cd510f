"""Small accessible inline SVG charts for the dashboards (no chart library, no CDN).

Every function returns one ``<svg>`` string with ``role="img"``, a ``<title>``
and ``<desc>`` referenced by ``aria-labelledby``, and all text escaped, so the
templates can insert it with ``|safe``.  Colours come from CSS custom
properties with fallbacks (``--hs-fill``, ``--hs-track``, ``--hs-target``,
``--hs-text``), and every value is also written as text, so nothing depends
on colour alone.  Element ids derive from the content, or from ``id_prefix``
when the same chart appears twice on a page.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from html import escape

from progress.estimator import BAND_EDGES, BANDS, THETA_FLOOR, band_bounds, check_band

FILL = "var(--hs-fill, #1f6f43)"
TRACK = "var(--hs-track, #e3e7e4)"
TARGET = "var(--hs-target, #8a2d00)"
TEXT = "var(--hs-text, #1b1b1b)"
THETA_CEILING = 2.5


def _e(text: str) -> str:
    return escape(text, quote=True)


def _num(value: float) -> str:
    """Format a coordinate compactly and deterministically."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent_nb(share: float) -> str:
    """Return a share as Norwegian percent text, rounded down like the coverage: 0.729 -> "72 %"."""
    return f"{int(_clamp01(share) * 100 + 1e-9)} %"


def _ids(kind: str, id_prefix: str | None, *parts: object) -> tuple[str, str]:
    if id_prefix is not None:
        base = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in id_prefix)
    else:
        digest = hashlib.sha1(repr((kind, parts)).encode("utf-8"), usedforsecurity=False)
        base = f"hs-{kind}-{digest.hexdigest()[:10]}"
    return f"{base}-t", f"{base}-d"


def _open(
    kind: str, width: float, height: float, title: str, desc: str, id_prefix: str | None
) -> str:
    tid, did = _ids(kind, id_prefix, width, height, title, desc)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hs-chart hs-{kind}" '
        f'width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" '
        f'aria-labelledby="{tid} {did}">'
        f'<title id="{tid}">{_e(title)}</title><desc id="{did}">{_e(desc)}</desc>'
    )


def _clamp01(value: float) -> float:
    if math.isnan(value):
        return 0.0
    return max(0.0, min(value, 1.0))


def bar_toward_target(
    value: float,
    *,
    target: float,
    label: str,
    value_text: str | None = None,
    target_text: str | None = None,
    width: int = 240,
    height: int = 24,
    id_prefix: str | None = None,
) -> str:
    """A horizontal bar filled to ``value`` (0..1) with a marker at ``target`` (0..1).

    ``value_text``/``target_text`` default to percentages ("72 %").
    """
    v, t = _clamp01(value), _clamp01(target)
    vt = value_text if value_text is not None else percent_nb(v)
    tt = target_text if target_text is not None else percent_nb(t)
    desc = f"{vt}, mål {tt}"
    bar_h = height * 0.6
    y = (height - bar_h) / 2
    tx = t * width
    return (
        _open("bar", width, height, label, desc, id_prefix)
        + f'<rect x="0" y="{_num(y)}" width="{_num(width)}" height="{_num(bar_h)}" '
        f'rx="{_num(bar_h / 2)}" fill="{TRACK}"/>'
        + f'<rect x="0" y="{_num(y)}" width="{_num(v * width)}" height="{_num(bar_h)}" '
        f'rx="{_num(bar_h / 2)}" fill="{FILL}"/>'
        + f'<line x1="{_num(tx)}" y1="0" x2="{_num(tx)}" y2="{_num(height)}" '
        f'stroke="{TARGET}" stroke-width="3"/>' + "</svg>"
    )


def _theta_x(theta: float, width: float) -> float:
    share = (theta - THETA_FLOOR) / (THETA_CEILING - THETA_FLOOR)
    return _clamp01(share) * width


def skill_bar(
    theta: float | None,
    *,
    target: str,
    label: str,
    level: str | None = None,
    width: int = 280,
    height: int = 40,
    id_prefix: str | None = None,
) -> str:
    """A bar on the level scale A1..B2 with band labels, filled to ``theta``, target marked.

    ``theta`` None means no answers yet (empty bar).  ``level`` is the estimate's band
    (e.g. ``SkillEstimate.level``), used in the description.
    """
    check_band(target)
    target_x = _theta_x(band_bounds(target)[0], width)
    bar_y, bar_h = 4.0, 16.0
    if theta is None:
        desc = f"Ingen svar ennå, mål {target}"
        fill_w = 0.0
    else:
        now = check_band(level) if level is not None else None
        desc = f"Nivå omtrent {now}, mål {target}" if now else f"Mål {target}"
        fill_w = _theta_x(theta, width)
    parts = [
        _open("skill", width, height, label, desc, id_prefix),
        f'<rect x="0" y="{_num(bar_y)}" width="{_num(width)}" height="{_num(bar_h)}" '
        f'fill="{TRACK}"/>',
        f'<rect x="0" y="{_num(bar_y)}" width="{_num(fill_w)}" height="{_num(bar_h)}" '
        f'fill="{FILL}"/>',
    ]
    lows = [THETA_FLOOR, *BAND_EDGES]
    highs = [*BAND_EDGES, THETA_CEILING]
    for band, low, high in zip(BANDS, lows, highs, strict=True):
        x0 = _theta_x(low, width)
        mid = (_theta_x(low, width) + _theta_x(high, width)) / 2
        if low > THETA_FLOOR:
            parts.append(
                f'<line x1="{_num(x0)}" y1="{_num(bar_y)}" x2="{_num(x0)}" '
                f'y2="{_num(bar_y + bar_h)}" stroke="#ffffff" stroke-width="1"/>'
            )
        parts.append(
            f'<text x="{_num(mid)}" y="{_num(height - 4)}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT}" aria-hidden="true">{_e(band)}</text>'
        )
    parts.append(
        f'<line x1="{_num(target_x)}" y1="0" x2="{_num(target_x)}" '
        f'y2="{_num(bar_y + bar_h + 4)}" stroke="{TARGET}" stroke-width="3"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def coverage_meter(
    share: float,
    *,
    label: str,
    size: int = 120,
    caption: str | None = None,
    id_prefix: str | None = None,
    value_text: str | None = None,
) -> str:
    """A donut showing ``share`` (0..1) with the percent in the middle.

    ``label`` is the accessible title (e.g. the coverage summary sentence);
    ``caption`` is an optional short text under the percent ("av ordene");
    ``value_text`` replaces the percent in the middle (e.g. "54" over the caption "av 100 ord").
    """
    s = _clamp01(share)
    stroke = size * 0.12
    r = (size - stroke) / 2
    c = size / 2
    circumference = 2 * math.pi * r
    dash = s * circumference
    text = value_text if value_text is not None else percent_nb(s)
    parts = [
        _open("meter", size, size, label, text, id_prefix),
        f'<circle cx="{_num(c)}" cy="{_num(c)}" r="{_num(r)}" fill="none" '
        f'stroke="{TRACK}" stroke-width="{_num(stroke)}"/>',
        f'<circle cx="{_num(c)}" cy="{_num(c)}" r="{_num(r)}" fill="none" '
        f'stroke="{FILL}" stroke-width="{_num(stroke)}" '
        f'stroke-dasharray="{_num(dash)} {_num(circumference)}" '
        f'transform="rotate(-90 {_num(c)} {_num(c)})"/>',
        f'<text x="{_num(c)}" y="{_num(c + size * 0.07)}" font-size="{_num(size * 0.2)}" '
        f'font-weight="bold" text-anchor="middle" fill="{TEXT}" aria-hidden="true">'
        f"{_e(text)}</text>",
    ]
    if caption:
        parts.append(
            f'<text x="{_num(c)}" y="{_num(c + size * 0.22)}" font-size="{_num(size * 0.09)}" '
            f'text-anchor="middle" fill="{TEXT}" aria-hidden="true">{_e(caption)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(
    values: Sequence[float],
    *,
    label: str,
    min_value: float = 0.0,
    max_value: float = 1.0,
    width: int = 120,
    height: int = 32,
    value_format: str = "percent",
    id_prefix: str | None = None,
) -> str:
    """A small line over time (oldest first); the description names first and last value.

    ``value_format`` is "percent" (shares 0..1) or "number".
    """
    span = (max_value - min_value) or 1.0

    def fmt(v: float) -> str:
        if value_format == "percent":
            return percent_nb(v)
        return f"{v:g}".replace(".", ",")

    if not values:
        desc = "Ingen data ennå"
    elif len(values) == 1:
        desc = f"Én måling: {fmt(values[0])}"
    else:
        desc = f"Fra {fmt(values[0])} til {fmt(values[-1])} over {len(values)} målinger"
    pad = 3.0
    points: list[str] = []
    n = len(values)
    for i, v in enumerate(values):
        x = pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5)
        y = height - pad - (height - 2 * pad) * _clamp01((v - min_value) / span)
        points.append(f"{_num(x)},{_num(y)}")
    parts = [_open("spark", width, height, label, desc, id_prefix)]
    if len(points) >= 2:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{FILL}" '
            f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    if points:
        lx, ly = points[-1].split(",")
        parts.append(f'<circle cx="{lx}" cy="{ly}" r="3" fill="{FILL}"/>')
    parts.append("</svg>")
    return "".join(parts)

"""The report as one self-contained HTML page: inline CSS and SVG, no script, no network.

The page is built from the same plain data that ``textlens report --json`` writes, so the
two never disagree.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

DASH = "\u2013"  # shown for missing values and between pair names

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "DejaVu Sans", sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1d232b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #d6dbe1; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.muted { color: #5c6773; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #eceff3; }
th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
        gap: 1rem 2rem; }
.card { border: 1px solid #e3e7ec; border-radius: 6px; padding: .6rem .9rem; }
svg text { font-family: system-ui, "DejaVu Sans", sans-serif; }
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _heat(value: float, top: float = 1.0) -> str:
    """White (0) to deep blue (``top`` and above)."""
    v = max(0.0, min(1.0, float(value) / top)) if top > 0 else 0.0
    r, g, b = (int(255 - v * (255 - c)) for c in (33, 102, 172))
    return f"rgb({r},{g},{b})"


def _label(article_id: str, titles: dict[str, str | None], width: int = 30) -> str:
    """A title (shortened) where the article has one, else its id."""
    title = titles.get(article_id)
    if not title:
        return str(article_id)
    return title if len(title) <= width else title[: width - 1] + "\u2026"


def _legend(x: int, y: int, high: float) -> str:
    """A colour bar under the heatmap: white (0) to deep blue (``high``)."""
    steps, w = 10, 24
    out = [f"<text x='{x}' y='{y + 12}' font-size='12'>similarity</text>"]
    x0 = x + 80
    for k in range(steps):
        out.append(
            f"<rect x='{x0 + k * w}' y='{y}' width='{w}' height='14' "
            f"fill='{_heat(high * (k + 0.5) / steps, high)}' stroke='#d6dbe1'/>"
        )
    out.append(f"<text x='{x0}' y='{y + 28}' font-size='11'>0</text>")
    out.append(
        f"<text x='{x0 + steps * w}' y='{y + 28}' font-size='11' text-anchor='end'>"
        f"{high:.2f}</text>"
    )
    out.append(
        f"<text x='{x0 + steps * w + 8}' y='{y + 12}' font-size='11' fill='#5c6773'>"
        f"diagonal (self) in grey</text>"
    )
    return "".join(out)


def _heatmap(
    ids: Sequence[str],
    matrix: Sequence[Sequence[float]],
    titles: dict[str, str | None] | None = None,
) -> str:
    n = len(ids)
    if n == 0:
        return "<p class='muted'>No articles.</p>"
    titles = titles or {}
    names = [_label(i, titles) for i in ids]
    cell = 44 if n <= 12 else max(12, 528 // n)
    label_w = min(240, 8 * max(len(str(i)) for i in names) + 12)
    top = label_w
    legend_h = 40
    # Column labels lean right at 60°: room for half a label beyond the last column.
    width = max(label_w + n * cell + label_w // 2 + 10, label_w + 440)
    height = top + n * cell + 10 + legend_h
    out = [
        f"<svg role='img' aria-label='similarity heatmap' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' xmlns='http://www.w3.org/2000/svg'>"
    ]
    for i, name in enumerate(names):
        y = top + i * cell + cell / 2
        out.append(
            f"<text x='{label_w - 6}' y='{y + 4:.1f}' text-anchor='end' font-size='12'>"
            f"{_esc(name)}</text>"
        )
        x = label_w + i * cell + cell / 2
        out.append(
            f"<text transform='translate({x + 4:.1f},{top - 6}) rotate(-60)' font-size='12'>"
            f"{_esc(name)}</text>"
        )
    # Colours span the off-diagonal range: self-similarity would wash the rest out.
    off = [float(v) for i, row in enumerate(matrix) for j, v in enumerate(row) if i != j]
    high = max(off, default=1.0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            x, y = label_w + j * cell, top + i * cell
            out.append(
                f"<rect x='{x}' y='{y}' width='{cell}' height='{cell}' "
                f"fill='{'#d6dbe1' if i == j else _heat(value, high)}' "
                f"stroke='#fff'><title>{_esc(ids[i])} {DASH} {_esc(ids[j])}: "
                f"{value:.3f}</title></rect>"
            )
            if cell >= 30:
                color = "#fff" if i != j and high > 0 and value / high > 0.55 else "#1d232b"
                out.append(
                    f"<text x='{x + cell / 2}' y='{y + cell / 2 + 4}' font-size='11' "
                    f"text-anchor='middle' fill='{color}'>{value:.2f}</text>"
                )
    out.append(_legend(label_w, top + n * cell + 14, high))
    out.append("</svg>")
    return "".join(out)


def _bars(rows: Sequence[Sequence[Any]], title: str, scale: float | None = None) -> str:
    """Horizontal bars for (term, score) pairs; negative scores point left.

    ``scale`` is the score of a full bar, shared by every panel of a section so that
    bars compare across panels (one keyness scale); by default this panel's largest.
    """
    if not rows:
        return f"<div class='card'><h3>{_esc(title)}</h3><p class='muted'>none</p></div>"
    top = scale or max(abs(float(score)) for _, score, *_ in rows) or 1.0
    bar_w, label_w, row_h = 200, 130, 20
    height = row_h * len(rows) + 4
    out = [
        f"<div class='card'><h3>{_esc(title)}</h3>"
        f"<svg role='img' aria-label='{_esc(title)}' width='{label_w + bar_w + 70}' "
        f"height='{height}' xmlns='http://www.w3.org/2000/svg'>"
    ]
    for k, (term, score, *_) in enumerate(rows):
        y = k * row_h + 2
        w = bar_w * abs(float(score)) / top
        fill = "#2166ac" if float(score) >= 0 else "#b2182b"
        out.append(
            f"<text x='{label_w - 6}' y='{y + 14}' text-anchor='end' font-size='12'>"
            f"{_esc(term)}</text>"
            f"<rect x='{label_w}' y='{y + 3}' width='{w:.1f}' height='{row_h - 6}' "
            f"fill='{fill}'><title>{_esc(term)}: {float(score):.3f}</title></rect>"
            f"<text x='{label_w + w + 5:.1f}' y='{y + 14}' font-size='11' fill='#5c6773'>"
            f"{float(score):.1f}</text>"
        )
    out.append("</svg></div>")
    return "".join(out)


def _shown(report: dict[str, Any], term: str) -> str:
    """A term as the report shows it: its surface form unless ``--display stem``."""
    return report.get("terms", {}).get("forms", {}).get(term, term)


def _title_line(title: str | None) -> str:
    return f"<br><span class='muted'>{_esc(title)}</span>" if title else ""


def _summary(report: dict[str, Any]) -> list[str]:
    """Tables of articles per language and per source (the largest 20)."""
    summary = report.get("summary") or {}
    out = [
        "<h2>Summary</h2>",
        f"<p>{summary.get('articles', 0):,} articles, {summary.get('tokens', 0):,} tokens "
        f"(median {summary.get('median_tokens', 0):,} per article).</p><div class='grid'>",
    ]
    for key in ("languages", "sources"):
        counts = list((summary.get(key) or {}).items())
        out.append(
            f"<div class='card'><h3>{key.title()} ({len(counts)})</h3><table><tbody>"
            + "".join(
                f"<tr><td class='num'>{n:,}</td><td>{_esc(name)}</td></tr>"
                for name, n in counts[:20]
            )
            + "</tbody></table></div>"
        )
    out.append("</div>")
    return out


def render(report: dict[str, Any]) -> str:
    """The HTML page of a report built by :func:`textlens.cli.build_report`.

    Example:
        >>> page = render({"textlens": "0", "articles": []})
        >>> page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body>")[1]
        True
    """
    articles = report.get("articles", [])
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>textlens report ({len(articles)} articles)</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>textlens report</h1>",
        f"<p class='muted'>{len(articles)} articles · textlens {_esc(report.get('textlens'))}</p>",
        "<h2>Articles</h2><table><thead><tr><th>id</th><th>date</th><th>source</th>"
        "<th>language</th><th class='num'>tokens</th><th class='num'>types</th>"
        "<th>top terms</th></tr></thead><tbody>",
    ]
    sim = report.get("similarity")
    shown = articles
    if sim and sim.get("sample"):  # a large report: a summary, then the first articles
        shown = articles[: len(sim["ids"])]
        note = (
            f"<p class='muted'>The first {len(shown)} of {len(articles)} articles; "
            "every article is in <code>textlens report --json</code>.</p>"
        )
        parts[-1:-1] = _summary(report)
        parts[-1] = parts[-1].replace("</h2>", "</h2>" + note, 1)
    titles = {a["id"]: a.get("title") for a in articles}
    for a in shown:
        lang = a.get("lang")
        lang_text = DASH if lang is None else f"{lang['code']} ({lang['confidence']:.2f})"
        terms = ", ".join(f"{_shown(report, t)} {n}" for t, n in a.get("top_terms", [])[:8])
        parts.append(
            f"<tr><td>{_esc(a['id'])}{_title_line(a.get('title'))}</td>"
            f"<td class='nowrap'>{_esc(a.get('date') or DASH)}</td>"
            f"<td>{_esc(a.get('source') or DASH)}</td><td>{_esc(lang_text)}</td>"
            f"<td class='num'>{a['tokens']}</td><td class='num'>{a['types']}</td>"
            f"<td>{_esc(terms)}</td></tr>"
        )
    parts.append("</tbody></table>")

    if sim:
        parts.append(f"<h2>Similarity</h2><p class='muted'>{_esc(sim.get('measure', ''))}</p>")
        if sim.get("sample"):
            parts.append(f"<p class='muted'>A sample: {_esc(sim['sample'])}.</p>")
        parts.append(_heatmap(sim["ids"], sim["matrix"], titles))
    pairs = report.get("closest_pairs")
    if pairs:
        parts.append(
            "<h3>Closest pairs</h3><table><thead><tr><th>article</th><th>article</th>"
            "<th class='num'>similarity</th></tr></thead><tbody>"
        )
        for p in pairs:
            parts.append(
                f"<tr><td>{_esc(p['a'])}{_title_line(titles.get(p['a']))}</td>"
                f"<td>{_esc(p['b'])}{_title_line(titles.get(p['b']))}</td>"
                f"<td class='num'>{p['similarity']:.3f}</td></tr>"
            )
        parts.append("</tbody></table>")
    if "near_duplicates" in report:
        clusters = report["near_duplicates"]
        parts.append("<h2>Near-duplicates</h2>")
        if clusters:
            parts.append("<ul>")
            parts.extend(f"<li>{_esc(', '.join(map(str, c)))}</li>" for c in clusters)
            parts.append("</ul>")
        else:
            parts.append("<p class='muted'>No near-duplicate articles.</p>")
    distinctive = report.get("distinctive_terms")
    if distinctive:
        parts.append(
            f"<h2>Distinctive terms</h2><p class='muted'>{_esc(distinctive.get('measure', ''))}</p>"
        )
        for section, title in (("articles", "Per article"), ("sources", "Per source")):
            groups = distinctive.get(section) or {}
            if groups:
                # One scale per section: a bar's length means the same chi2 in every panel.
                scale = max(
                    (abs(float(r[1])) for rows in groups.values() for r in rows or []),
                    default=1.0,
                )
                parts.append(
                    f"<h3>{title}</h3><p class='muted'>One scale for every panel: "
                    f"a full bar is {scale:.1f}.</p><div class='grid'>"
                )
                parts.extend(
                    _bars(
                        [(_shown(report, t), v) for t, v, *_ in rows or []],
                        _label(name, titles, 60),
                        scale,
                    )
                    for name, rows in groups.items()
                )
                parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)

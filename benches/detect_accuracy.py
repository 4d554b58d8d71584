"""Language detection: accuracy per language and text length, speed, calibration, spans.

Usage::

    .venv/bin/python benches/detect_accuracy.py [--quick] [--seed N] [--words N] [--pairs N]
                                                [--sentences N] [--documents N] [--mixed N]
                                                [--tools NAME ...] [--lingua-testdata DIR]

(``make bench-detect`` installs the peers from the ``bench`` extra and runs it.)

Data: the development set of ``benches/detect_devset.py``, built at run time with a fixed
seed from ``$TEXTLENS_SHARED`` (bench corpus + UD sentences; never lingua's test sentences):
per language, single words, word pairs, sentences and whole documents.

Tools, each called once per text in a serial loop on one thread (docs/s = texts / seconds
of that loop): textlens ``detect`` (each engine it has), lingua (``detect_language_of``,
all languages, high and low accuracy, models preloaded), langdetect (seed 0), CLD2
(``pycld2``), CLD3 (``gcld3`` from ``cld3-py``), langid (``py3langid``). A tool missing
from the environment is left out and said so.

Accuracy = share of texts whose ISO 639-1 answer equals the label. The headline averages
are over the languages a tool shares with lingua (and the data), each language weighing
the same; ``ha``, ``liv`` and ``sah`` (in no lingua) are shown per language only.

Calibration: the confidence of each answer (textlens ``Detection.confidence``, lingua's
``compute_language_confidence_values`` top value) binned, with the share right per bin,
over the words, pairs and sentences.

Spans: ``--mixed`` texts joined from 2-3 runs of sentences of different languages
(``detect_devset.mixed_texts``; the construction is the oracle): share of non-space
characters labelled with their run's language, and F1 of the language boundaries (a found
boundary counts when within 3 characters of a true one), for ``textlens.detect_spans``
and lingua's ``detect_multiple_languages_of`` (high accuracy, all languages).

``--lingua-testdata DIR``: a folder holding lingua's language-model crates (for example
``~/.cargo/registry/src/<index>``): their ``testdata`` sentences, word pairs and single
words (lingua's published test sets) are then scored as well, reported apart, as lingua's
own comparison; they are used for nothing else.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shlex
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import textlens

sys.path.insert(0, str(Path(__file__).resolve().parent))
import detect_devset as devset

FULL = {"word": 300, "pair": 300, "sentence": 300, "document": 40, "mixed": 300}
QUICK = {"word": 60, "pair": 60, "sentence": 60, "document": 8, "mixed": 60}
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
BOUNDARY_TOLERANCE = 3
# Old ISO 639-1 codes some detectors still answer with.
RENAMED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "nb": "no"}
# CLD3's documented languages (it has no API that lists them).
CLD3_LANGS = set(
    [
        "af",
        "am",
        "ar",
        "bg",
        "bn",
        "bs",
        "ca",
        "ceb",
        "co",
        "cs",
        "cy",
        "da",
        "de",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "fi",
        "fil",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gu",
        "ha",
        "haw",
        "hi",
        "hmn",
        "hr",
        "ht",
        "hu",
        "hy",
        "id",
        "ig",
        "is",
        "it",
        "he",
        "ja",
        "jv",
        "ka",
        "kk",
        "km",
        "kn",
        "ko",
        "ku",
        "ky",
        "la",
        "lb",
        "lo",
        "lt",
        "lv",
        "mg",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "ne",
        "nl",
        "no",
        "ny",
        "pa",
        "pl",
        "ps",
        "pt",
        "ro",
        "ru",
        "sd",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "tr",
        "uk",
        "ur",
        "uz",
        "vi",
        "xh",
        "yi",
        "yo",
        "zh",
        "zu",
    ]
)
TEXTLENS_ENGINES = ("whatlang", "ngram", "bayes", "naive_bayes")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def norm(code: str | None) -> str | None:
    """ISO 639-1 (``zh-Hant`` → ``zh``, ``iw`` → ``he``); None for unknown answers."""
    if not code:
        return None
    code = re.split(r"[-_]", code.strip().lower())[0]
    if code in ("un", "und", "xx", "zxx", ""):
        return None
    return RENAMED.get(code, code)


@dataclass
class Tool:
    name: str
    detect: Callable[[str], str | None]
    # ISO 639-1 codes the tool can answer with; None: every language of the data.
    inventory: set[str] | None = None
    # (code, confidence) of the answer, for the reliability table.
    confidence: Callable[[str], tuple[str | None, float]] | None = None
    spans: Callable[[str], list[tuple[str | None, int, int]]] | None = None
    note: str = ""


def textlens_tools() -> list[Tool]:
    """The default engine, plus each named engine the build accepts."""
    inventory = {r["code"] for r in textlens.languages() if r["detection"]}

    def make(engine: str | None) -> Tool:
        kw = {} if engine is None else {"engine": engine}

        def detect(t: str) -> str | None:
            d = textlens.detect(t, **kw)
            return d.lang if d is not None else None

        def confidence(t: str) -> tuple[str | None, float]:
            d = textlens.detect(t, **kw)
            return (d.lang, d.confidence) if d is not None else (None, 0.0)

        spans = None
        if engine is None and hasattr(textlens, "detect_spans"):

            def spans(t: str) -> list[tuple[str | None, int, int]]:
                return [(s.lang, s.start, s.end) for s in textlens.detect_spans(t)]

        name = "textlens (default)" if engine is None else f'textlens engine="{engine}"'
        return Tool(name, detect, inventory, confidence, spans)

    tools = [make(None)]
    for engine in TEXTLENS_ENGINES:
        try:
            textlens.detect("probe", engine=engine)
        except TypeError:
            break  # no engine= at all: the default is the only engine
        except ValueError:
            continue
        tools.append(make(engine))
    return tools


def lingua_tools() -> list[Tool]:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        log("  lingua-language-detector not installed: left out")
        return []
    inventory = {lang.iso_code_639_1.name.lower() for lang in Language.all()}
    tools = []
    for mode in ("high", "low"):
        b = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
        if mode == "low":
            b = b.with_low_accuracy_mode()
        det = b.build()

        def detect(t: str, det=det) -> str | None:
            lang = det.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang is not None else None

        def confidence(t: str, det=det) -> tuple[str | None, float]:
            vals = det.compute_language_confidence_values(t)
            if not vals or vals[0].value <= 0:
                return None, 0.0
            return vals[0].language.iso_code_639_1.name.lower(), vals[0].value

        def spans(t: str, det=det) -> list[tuple[str | None, int, int]]:
            return [
                (r.language.iso_code_639_1.name.lower(), r.start_index, r.end_index)
                for r in det.detect_multiple_languages_of(t)
            ]

        tools.append(
            Tool(
                f"lingua {mode} accuracy",
                detect,
                inventory,
                confidence,
                spans if mode == "high" else None,
            )
        )
    return tools


def other_tools() -> list[Tool]:
    tools = []
    try:
        import langdetect
        from langdetect import detector_factory

        langdetect.DetectorFactory.seed = 0
        detector_factory.init_factory()
        inv = {norm(c) for c in detector_factory._factory.get_lang_list()}

        def ld(t: str) -> str | None:
            try:
                return norm(langdetect.detect(t))
            except langdetect.LangDetectException:
                return None

        tools.append(Tool("langdetect", ld, inv))
    except ImportError:
        log("  langdetect not installed: left out")
    try:
        import pycld2

        def cld2(t: str) -> str | None:
            try:
                return norm(pycld2.detect(t)[2][0][1])
            except pycld2.error:
                return None

        tools.append(Tool("CLD2 (pycld2)", cld2, {norm(c) for _, c in pycld2.LANGUAGES}))
    except ImportError:
        log("  pycld2 not installed: left out")
    try:
        import gcld3

        ident = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

        def cld3(t: str) -> str | None:
            return norm(ident.FindLanguage(t).language)

        tools.append(Tool("CLD3 (gcld3)", cld3, CLD3_LANGS))
    except ImportError:
        log("  gcld3 (cld3-py) not installed: left out")
    try:
        import py3langid
        from py3langid import langid

        langid.classify("probe")  # loads the model into langid.IDENTIFIER
        tools.append(
            Tool(
                "langid (py3langid)",
                lambda t: norm(py3langid.classify(t)[0]),
                {norm(c) for c in langid.IDENTIFIER.nb_classes},
            )
        )
    except ImportError:
        log("  py3langid not installed: left out")
    return tools


# -- accuracy ----------------------------------------------------------------------------


@dataclass
class Scores:
    # (lang, kind) -> (right, total)
    right: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    total: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    texts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def acc(self, lang: str, kind: str) -> float | None:
        n = self.total.get((lang, kind), 0)
        return self.right[(lang, kind)] / n if n else None


def run_tool(tool: Tool, data: dict[str, dict[str, list[str]]]) -> Scores:
    s = Scores()
    for kind in devset.KINDS:
        items = [(lang, t) for lang, kinds in data.items() for t in kinds[kind]]
        tool.detect(items[0][1]) if items else None  # warm-up (lazy model loads)
        t0 = time.perf_counter()
        answers = [tool.detect(t) for _, t in items]
        s.seconds[kind] = time.perf_counter() - t0
        s.texts[kind] = len(items)
        for (lang, _), got in zip(items, answers, strict=True):
            s.total[(lang, kind)] += 1
            s.right[(lang, kind)] += got == lang
    return s


def shared_langs(tool: Tool, langs: Sequence[str], lingua_inv: set[str]) -> list[str]:
    inv = tool.inventory
    return [lang for lang in langs if lang in lingua_inv and (inv is None or lang in inv)]


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def summary_table(
    tools: list[Tool], scores: dict[str, Scores], langs: list[str], lingua_inv: set[str]
) -> list[str]:
    kinds = devset.KINDS
    out = [
        "| tool | languages | "
        + " | ".join(f"{k} %" for k in kinds)
        + " | "
        + " | ".join(f"{k}s/s" for k in kinds)
        + " |",
        "|---|---:|" + "---:|" * (2 * len(kinds)),
    ]
    for tool in tools:
        sc = scores[tool.name]
        common = shared_langs(tool, langs, lingua_inv)
        accs = []
        for k in kinds:
            vals = [a for lang in common if (a := sc.acc(lang, k)) is not None]
            accs.append(pct(statistics.fmean(vals)) if vals else "-")
        rates = [f"{sc.texts[k] / sc.seconds[k]:,.0f}" if sc.seconds[k] else "-" for k in kinds]
        out.append(f"| {tool.name} | {len(common)} | " + " | ".join(accs + rates) + " |")
    return out


def per_language_table(
    tools: list[Tool], scores: dict[str, Scores], langs: list[str], kind: str
) -> list[str]:
    out = [
        f"| {kind} | n | " + " | ".join(t.name for t in tools) + " |",
        "|---|---:|" + "---:|" * len(tools),
    ]
    for lang in langs:
        n = scores[tools[0].name].total.get((lang, kind), 0)
        if not n:
            continue
        cells = []
        for t in tools:
            known = t.inventory is None or lang in t.inventory
            cells.append(pct(scores[t.name].acc(lang, kind)) if known else "n/a")
        out.append(f"| {lang} | {n} | " + " | ".join(cells) + " |")
    return out


# -- calibration -------------------------------------------------------------------------


def calibration(
    tools: list[Tool], data: dict[str, dict[str, list[str]]], lingua_inv: set[str]
) -> tuple[list[str], dict[str, list[tuple[float, bool]]]]:
    items = [
        (lang, t)
        for lang, kinds in data.items()
        if lang in lingua_inv
        for k in ("word", "pair", "sentence")
        for t in kinds[k]
    ]
    pairs: dict[str, list[tuple[float, bool]]] = {}
    for tool in tools:
        if tool.confidence is None:
            continue
        log(f"  calibration: {tool.name}")
        got = []
        for lang, t in items:
            code, conf = tool.confidence(t)
            if code is not None:
                got.append((conf, code == lang))
        pairs[tool.name] = got
    names = list(pairs)
    out = [
        "| confidence | " + " | ".join(f"{n}: answers | right %" for n in names) + " |",
        "|---|" + "---:|---:|" * len(names),
    ]
    for lo, hi in itertools.pairwise(BINS):
        cells = []
        for n in names:
            inside = [ok for c, ok in pairs[n] if lo <= c < hi or (hi == 1.0 and c >= 1.0)]
            cells.append(f"{len(inside):,} | {pct(sum(inside) / len(inside) if inside else None)}")
        out.append(f"| {lo:.1f}-{hi:.1f} | " + " | ".join(cells) + " |")
    out += ["", "| answers with confidence ≥ t | " + " | ".join(names) + " |"]
    out.append("|---|" + "---:|" * len(names))
    for t in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
        cells = []
        for n in names:
            kept = [ok for c, ok in pairs[n] if c >= t]
            share = len(kept) / len(pairs[n]) if pairs[n] else 0.0
            cells.append(
                f"{pct(sum(kept) / len(kept) if kept else None)} % right, {pct(share)} % kept"
            )
        out.append(f"| t = {t} | " + " | ".join(cells) + " |")
    return out, pairs


# -- spans -------------------------------------------------------------------------------


def merged(spans: list[tuple[str | None, int, int]]) -> list[tuple[str | None, int, int]]:
    out: list[tuple[str | None, int, int]] = []
    for lang, s, e in sorted(spans, key=lambda x: x[1]):
        if out and out[-1][0] == lang and out[-1][2] >= s:
            out[-1] = (lang, out[-1][1], max(e, out[-1][2]))
        else:
            out.append((lang, s, e))
    return out


def span_scores(
    found: list[tuple[str | None, int, int]], mixed: devset.Mixed
) -> tuple[int, int, int, int, int]:
    """(right chars, non-space chars, matched boundaries, found boundaries, true boundaries)."""
    text = mixed.text
    label: list[str | None] = [None] * len(text)
    for lang, s, e in found:
        for i in range(max(s, 0), min(e, len(text))):
            label[i] = lang
    right = total = 0
    for lang, s, e in mixed.segments:
        for i in range(s, e):
            if not text[i].isspace():
                total += 1
                right += label[i] == lang
    gold = [s for _, s, _ in mixed.segments[1:]]
    pred = [s for _, s, _ in merged(found)[1:]]
    unmatched = list(gold)
    hits = 0
    for p in pred:
        near = [g for g in unmatched if abs(g - p) <= BOUNDARY_TOLERANCE]
        if near:
            unmatched.remove(near[0])
            hits += 1
    return right, total, hits, len(pred), len(gold)


def spans_table(
    tools: list[Tool], data: dict[str, dict[str, list[str]]], lingua_inv: set[str], n: int, seed
) -> list[str]:
    sentences = {
        lang: [s for s in kinds["sentence"] if len(s) >= 30]
        for lang, kinds in data.items()
        if lang in lingua_inv
    }
    texts = devset.mixed_texts(sentences, n, seed)
    out = [
        f"| spans ({len(texts)} texts of 2-3 runs) | characters right % | boundary precision % "
        "| boundary recall % | boundary F1 % | texts/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for tool in tools:
        if tool.spans is None:
            continue
        log(f"  spans: {tool.name}")
        t0 = time.perf_counter()
        found = [tool.spans(m.text) for m in texts]
        secs = time.perf_counter() - t0
        tot = [0, 0, 0, 0, 0]
        for f, m in zip(found, texts, strict=True):
            for i, v in enumerate(span_scores(f, m)):
                tot[i] += v
        right, chars, hits, npred, ngold = tot
        p = hits / npred if npred else 0.0
        r = hits / ngold if ngold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out.append(
            f"| {tool.name} | {pct(right / chars)} | {pct(p)} | {pct(r)} | {pct(f1)} "
            f"| {len(texts) / secs:,.0f} |"
        )
    return out


# -- lingua's published test sets --------------------------------------------------------


def lingua_testdata(root: Path, per_kind: int, seed: int) -> dict[str, dict[str, list[str]]]:
    """{lang: {kind: lines}} from ``lingua-<name>-language-model-*/testdata`` under root."""
    from lingua import Language

    by_name = {lang.name.lower(): lang.iso_code_639_1.name.lower() for lang in Language.all()}
    files = {"word": "single-words.txt", "pair": "word-pairs.txt", "sentence": "sentences.txt"}
    out: dict[str, dict[str, list[str]]] = {}
    for crate in sorted(root.glob("lingua-*-language-model-*")):
        name = crate.name[len("lingua-") :].rsplit("-language-model-", 1)[0].replace("-", "")
        code = by_name.get(name)
        if code is None or not (crate / "testdata").is_dir():
            continue
        kinds = {}
        for kind, fname in files.items():
            path = crate / "testdata" / fname
            lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
            lines = [ln.strip() for ln in lines if ln.strip()]
            random.Random(f"{seed}:{code}:{kind}").shuffle(lines)
            kinds[kind] = lines[:per_kind]
        kinds["document"] = []
        out[code] = kinds
    return out


# -- main --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small samples: a smoke check")
    p.add_argument("--seed", type=int, default=0)
    for key in ("word", "pair", "sentence", "document", "mixed"):
        p.add_argument(
            f"--{key}s",
            dest=key,
            type=int,
            metavar="N",
            help=f"per language (mixed: texts); default {FULL[key]} (quick {QUICK[key]})",
        )
    p.add_argument("--tools", nargs="+", metavar="NAME", help="only tools whose name has one")
    p.add_argument("--lingua-testdata", type=Path, metavar="DIR")
    args = p.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    for key, val in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, val)
    return args


def run(args: argparse.Namespace) -> list[str]:
    """Every table, as markdown lines (compare_peers.py folds them into its report)."""
    n = {k: getattr(args, k) for k in devset.KINDS}
    log(f"building the development set (seed {args.seed})")
    data = devset.build(n, args.seed)
    langs = sorted(data)
    log("loading the detectors")
    tools = textlens_tools() + lingua_tools() + other_tools()
    if args.tools:
        tools = [t for t in tools if any(w.lower() in t.name.lower() for w in args.tools)]
    lingua_inv = set()
    try:
        from lingua import Language

        lingua_inv = {lang.iso_code_639_1.name.lower() for lang in Language.all()}
    except ImportError:
        lingua_inv = set(langs)
    scores = {}
    for tool in tools:
        log(f"  accuracy: {tool.name}")
        scores[tool.name] = run_tool(tool, data)
    counts = {k: sum(len(v[k]) for v in data.values()) for k in devset.KINDS}
    out = [
        "### Language detection accuracy (development set, not lingua's test sentences)",
        "",
        f"- Data: `benches/detect_devset.py`, seed {args.seed}, {len(langs)} languages; "
        + ", ".join(f"{c:,} {k}s" for k, c in counts.items())
        + ". Accuracy % averaged over the languages each tool shares with lingua "
        "(`languages` column); docs/s = texts per second of one serial loop, one thread.",
        "",
        *summary_table(tools, scores, langs, lingua_inv),
        "",
    ]
    for kind in devset.KINDS:
        out += [*per_language_table(tools, scores, langs, kind), ""]
    log("calibration")
    cal, _ = calibration([t for t in tools if t.confidence], data, lingua_inv)
    out += [
        "### Calibration (words, word pairs and sentences; top answer's confidence)",
        "",
        *cal,
        "",
    ]
    if args.mixed:
        log("spans")
        out += [
            "### Mixed-language texts",
            "",
            *spans_table(tools, data, lingua_inv, args.mixed, args.seed),
            "",
        ]
    if args.lingua_testdata:
        log("lingua's published test sets")
        ltd = lingua_testdata(args.lingua_testdata, max(n["sentence"], 100), args.seed)
        if ltd:
            ltools = [t for t in tools if t.name != "lingua low accuracy"]
            lsc = {}
            for t in ltools:
                log(f"  lingua testdata: {t.name}")
                lsc[t.name] = run_tool(t, ltd)
            out += [
                "### lingua's published test sets (lingua's comparison only; never tuned on)",
                "",
                *summary_table(ltools, lsc, sorted(ltd), lingua_inv),
                "",
            ]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    t0 = time.perf_counter()
    lines = run(args)
    print(
        f"- Command: `{shlex.join(sys.orig_argv)}`; textlens {textlens.__version__}; "
        f"{time.perf_counter() - t0:.0f} s on a shared machine\n"
    )
    print("\n".join(lines).rstrip())


if __name__ == "__main__":
    main()

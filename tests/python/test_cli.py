"""The ``textlens`` command line: ``textlens report PATH``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import textlens
import textlens.cli

TOP_KEYS = {"id", "date", "lang", "tokens", "types", "top_terms"}


def expected_counts(text: str) -> tuple[int, int, list[list]]:
    """tokens, types and top terms computed with the library's public functions."""
    lang = textlens.detect(text).lang
    words = textlens.tokenize(text, lang=lang)
    top = [[t, n] for t, n in textlens.Analyzer().term_frequencies(text).items()][:10]
    return len(words), len(set(words)), top


class TestReport:
    def test_text_report_on_seeds(self, seeds, capsys, monkeypatch):
        monkeypatch.chdir(seeds.parent)
        assert textlens.cli.main(["report", "seeds"]) == 0
        captured = capsys.readouterr()
        assert captured.err == ""
        out = captured.out
        docs = textlens.read_articles(seeds)
        assert len(docs) == 5
        forms = textlens.Analyzer().surface_forms([d.text for d in docs])
        blocks = [b for b in out.split("\n\n") if b.strip()]
        assert len(blocks) == 5 + 4
        for doc, block in zip(docs, blocks[:5], strict=True):
            lines = block.splitlines()
            assert lines[0] == doc.id
            assert lines[1] == f"  date      {doc.date or '-'}"
            assert lines[2].startswith("  language  en (English, confidence ")
            n_tokens, n_types, top = expected_counts(doc.text)
            assert f"  tokens    {n_tokens}   types {n_types}" in lines
            # Terms shown as their most frequent surface form; the counts are the stems'.
            shown = ", ".join(f"{forms.get(t, t)} {n}" for t, n in top)
            assert lines[-1] == "  top terms " + shown
        assert out.count("language  en") == 5
        similarity, pairs, dups, distinctive = blocks[5:]
        assert similarity.startswith("similarity (cosine of sublinear tf-idf")
        matrix = textlens.Corpus(docs).similarity()
        for doc, row, line in zip(docs, matrix, similarity.splitlines()[2:], strict=True):
            assert line.split()[0] == doc.id
            assert [float(v) for v in line.split()[2:]] == pytest.approx(row, abs=5e-4)
        assert pairs.splitlines()[0] == "closest pairs" and len(pairs.splitlines()) == 6
        assert dups == "near-duplicates\n  none"
        assert distinctive.startswith("distinctive terms (chi-squared")
        assert [line.split(":")[0].strip() for line in distinctive.splitlines()[1:]] == [
            d.id for d in docs
        ]

    def test_display_stem_keeps_the_stems(self, seeds, capsys):
        assert textlens.cli.main(["report", str(seeds), "--display", "stem"]) == 0
        out = capsys.readouterr().out
        _, _, top = expected_counts(textlens.read_articles(seeds)[0].text)
        assert "  top terms " + ", ".join(f"{t} {n}" for t, n in top) in out

    def test_surface_forms_are_the_most_frequent_form_as_written(self, seeds):
        """Oracle: count, in Python, each word token's form under the stem it analyzes to."""
        from collections import Counter, defaultdict

        docs = textlens.read_articles(seeds)
        an = textlens.Analyzer("en")
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for d in docs:
            for tok in textlens.tokens(d.text, lang="en"):
                terms = an.analyze(tok.text)
                if len(terms) == 1:
                    counts[terms[0]][tok.text] += 1
        want = {t: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for t, c in counts.items()}
        got = textlens.Corpus(docs, analyzer=an).surface_forms()
        assert got == want
        assert (got["ukrain"], got["militari"], got["cooper"]) == (
            "Ukraine",
            "military",
            "cooperation",
        )
        rep = textlens.cli.build_report(docs, lang="en", top=3)
        assert rep["terms"]["display"] == "surface"
        assert rep["terms"]["forms"]["putin"] == "Putin"

    def test_relations_in_json(self, seeds, capsys):
        assert textlens.cli.main(["report", str(seeds), "--json", "--pairs", "3"]) == 0
        report = json.loads(capsys.readouterr().out)
        docs = textlens.read_articles(seeds)
        corpus = textlens.Corpus(docs)
        sim = report["similarity"]
        assert sim["ids"] == [d.id for d in docs]
        for got, want in zip(sim["matrix"], corpus.similarity().tolist(), strict=True):
            assert got == pytest.approx(want, abs=5e-5)
        best = report["closest_pairs"]
        assert len(best) == 3
        assert [p["similarity"] for p in best] == sorted(
            (p["similarity"] for p in best), reverse=True
        )
        # The closest pair is two of the three articles on the 30 December 2022 call.
        trio = {"000_77074c2c8a1c9467", "001_9da2021daccc2bf8", "002_db6102cc610135d6"}
        assert {best[0]["a"], best[0]["b"]} <= trio
        assert report["near_duplicates"] == []
        per_article = report["distinctive_terms"]["articles"]
        assert list(per_article) == sim["ids"]
        for i, (doc_id, rows) in enumerate(per_article.items()):
            table = corpus.keyness([i], n=10)
            want = [r for r in table.to_dict("records") if r["sign"] > 0]
            assert [t for t, _ in rows] == [r["term"] for r in want], doc_id

    def test_json_report_on_seeds(self, seeds, capsys):
        assert textlens.cli.main(["report", str(seeds), "--json", "--top", "5"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["textlens"] == textlens.__version__
        articles = report["articles"]
        assert len(articles) == 5
        docs = textlens.read_articles(seeds)
        for a, doc in zip(articles, docs, strict=True):
            assert set(a) >= TOP_KEYS
            assert (a["id"], a["date"]) == (doc.id, doc.date)
            assert a["lang"]["code"] == "en"
            assert a["lang"]["name"] == "English"
            n_tokens, n_types, top = expected_counts(doc.text)
            assert (a["tokens"], a["types"]) == (n_tokens, n_types)
            assert a["top_terms"] == top[:5]
            assert 0 < a["types"] <= a["tokens"]

    def test_json_report_on_a_jsonl_file(self, shared, capsys):
        path = shared / "corpus" / "bench" / "ru.jsonl"
        # A whole bench file: the .jsonl reader behind the command.
        assert textlens.cli.main(["report", str(path), "--json", "--top", "3"]) == 0
        articles = json.loads(capsys.readouterr().out)["articles"]
        assert len(articles) == len(textlens.read_articles(path))
        assert {a["lang"]["code"] for a in articles[:50]} == {"ru"}

    def test_fixed_lang_and_engine(self, seeds, capsys):
        assert (
            textlens.cli.main(
                ["report", str(seeds), "--json", "--lang", "en", "--engine", "current"]
            )
            == 0
        )
        articles = json.loads(capsys.readouterr().out)["articles"]
        doc = textlens.read_articles(seeds)[0]
        an = textlens.Analyzer("en", engine="current")
        assert (
            articles[0]["top_terms"]
            == [list(kv) for kv in an.term_frequencies(doc.text).items()][:10]
        )

    def test_nonexistent_path_is_exit_code_2(self, tmp_path, capsys):
        assert textlens.cli.main(["report", str(tmp_path / "nope")]) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith("textlens: error: ")
        assert "nope" in captured.err
        assert captured.out == ""

    def test_bad_utf8_is_exit_code_2_unless_lossy(self, tmp_path, capsys):
        (tmp_path / "a.txt").write_bytes(b"Putin and Xi \xff spoke about the war in Ukraine.")
        assert textlens.cli.main(["report", str(tmp_path)]) == 2
        assert "not valid UTF-8" in capsys.readouterr().err
        assert textlens.cli.main(["report", str(tmp_path), "--lossy"]) == 0
        assert capsys.readouterr().out.startswith("a\n")

    @pytest.mark.parametrize("args", [["--lang", "xx"], ["--top", "-1"]])
    def test_bad_options_are_exit_code_2(self, seeds, capsys, args):
        assert textlens.cli.main(["report", str(seeds), *args]) == 2
        assert capsys.readouterr().err.startswith("textlens: error: ")

    def test_usage_errors_exit_2(self, capsys):
        with pytest.raises(SystemExit) as info:
            textlens.cli.main([])
        assert info.value.code == 2
        with pytest.raises(SystemExit) as info:
            textlens.cli.main(["report", "x", "--engine", "bogus"])
        assert info.value.code == 2

    def test_version(self, capsys):
        with pytest.raises(SystemExit) as info:
            textlens.cli.main(["--version"])
        assert info.value.code == 0
        assert capsys.readouterr().out.strip() == textlens.__version__


class TestConsoleScript:
    def test_installed_entry_point(self, seeds):
        script = Path(sys.executable).with_name("textlens")
        assert script.is_file(), f"console script not installed next to {sys.executable}"
        done = subprocess.run(
            [str(script), "report", str(seeds), "--json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        articles = json.loads(done.stdout)["articles"]
        assert [a["id"] for a in articles] == [d.id for d in textlens.read_articles(seeds)]

    def test_entry_point_error_exit_code(self, tmp_path):
        script = Path(sys.executable).with_name("textlens")
        done = subprocess.run(
            [str(script), "report", str(tmp_path / "nope")],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        assert "textlens: error" in done.stderr

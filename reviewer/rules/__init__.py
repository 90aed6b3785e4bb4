"""Rule engine: dated, sourced parameters (``rules/`` data) and the modules that evaluate a submission."""

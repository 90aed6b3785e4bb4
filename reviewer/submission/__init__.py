"""The applicant's submission: its single description (``forms/``), JSON Schema, and readers."""

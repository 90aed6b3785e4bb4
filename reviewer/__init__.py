"""reviewer — 节能审查与碳排放评价审查工作台 (energy review and carbon evaluation workbench).

Layering: ``reviewer.ui`` is the only package that imports PySide6; everything else runs headless.
"""

__version__ = "0.1.0"

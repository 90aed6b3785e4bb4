"""The review wizard: one page per review step, each page one module and one class with load/save/retranslateUi."""

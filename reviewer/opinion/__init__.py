"""Issued documents (审查意见, 不予通过, 补正通知, 验收意见, 同意变更): view-model → Jinja2 markup → ReportLab PDF.
"""

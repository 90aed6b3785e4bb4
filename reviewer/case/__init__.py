"""The case file of an application (issue 14): materials checklist, attachments by content, the 节能报告 structure
check, the timeline of dated events and the statutory clock. No Qt, no archive sessions opened here: the use cases
(``reviewer.usecases.cases``) own the transactions."""

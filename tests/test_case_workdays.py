"""Working-day calendar and statutory deadlines.

Sources: 《行政许可法》第八十二条 (limits in working days, statutory holidays excluded), 第四十二条 (20 working days from
受理, +10 with the head's approval), 第四十五条 (expert review time not counted); 令第31号 第十四条 (5个工作日 补正告知);
国办发明电〔2024〕12号 (2025: 10-01…10-08 国庆节、中秋节 放假; 09-28 周日、10-11 周六 上班).
"""

from __future__ import annotations

from datetime import date

import pytest

from reviewer.rules.deadlines import Pause, correction_notice_due, decision_due
from reviewer.rules.engine import baseline
from reviewer.rules.workdays import add_working_days, load_calendar, working_days_between


def test_national_day_2025_correction_notice():
    # Received Fri 2025-09-26. Counting from the next day: Sun 09-28 (调休上班) 1, Mon 09-29 2, Tue 09-30 3,
    # 10-01…10-08 holidays, Thu 10-09 4, Fri 10-10 5 → 2025-10-10 (令第31号 第十四条: 5个工作日).
    r = correction_notice_due(baseline(), date(2025, 9, 26))
    assert r.due == date(2025, 10, 10)
    assert r.complete and r.sources == ("国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",)


def test_calendar_days_of_2025_national_day():
    cal = load_calendar()
    assert cal.is_working_day(date(2025, 9, 28)) and cal.is_working_day(date(2025, 10, 11))  # 调休上班 (Sun, Sat)
    for d in range(1, 9):
        assert not cal.is_working_day(date(2025, 10, d))
    assert cal.is_working_day(date(2025, 10, 9))
    assert not cal.is_working_day(date(2025, 10, 12))  # an ordinary Sunday


def test_plain_weeks_and_zero():
    # Mon 2025-11-10 + 5 working days = Mon 11-17 (no holiday in between)
    assert add_working_days(date(2025, 11, 10), 5).due == date(2025, 11, 17)
    assert add_working_days(date(2025, 11, 10), 0).due == date(2025, 11, 10)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 11, 10), -1)


def test_year_without_data_is_a_warning_not_a_silent_count():
    r = add_working_days(date(2027, 3, 1), 5)
    assert r.due == date(2027, 3, 8)  # counted Monday–Friday …
    assert not r.complete and "2027" in r.warnings[0]  # … and said so
    inside = add_working_days(date(2026, 12, 24), 5)  # crosses into 2027
    assert inside.due == date(2026, 12, 31) and inside.complete
    across = add_working_days(date(2026, 12, 28), 5)
    assert across.due == date(2027, 1, 4) and not across.complete


def test_2024_and_2026_adjusted_days():
    cal = load_calendar()
    # 国办发明电〔2023〕7号: 2024-02-04 (Sun) and 2024-02-18 (Sun) are working days, 02-10…02-17 holidays
    assert cal.is_working_day(date(2024, 2, 4)) and cal.is_working_day(date(2024, 2, 18))
    assert not cal.is_working_day(date(2024, 2, 15))
    # 2026 notice: 春节 02-15…02-23, 02-14 and 02-28 (Sat) working days; 1-04 (Sun) working day
    assert cal.is_working_day(date(2026, 2, 14)) and cal.is_working_day(date(2026, 1, 4))
    assert not cal.is_working_day(date(2026, 2, 23))


def test_decision_deadline_and_extension():
    # 受理 Mon 2026-03-02; 20 working days (行政许可法 第四十二条), no holiday until 清明 04-04 (Sat) → Mon 03-30
    assert decision_due(baseline(), date(2026, 3, 2)).due == date(2026, 3, 30)
    # +10 (extension): 03-31 … 04-03 (4), 04-06 holiday, 04-07 … 04-10 (8), 04-13, 04-14 → 2026-04-14
    assert decision_due(baseline(), date(2026, 3, 2), extended=True).due == date(2026, 4, 14)


def test_expert_review_days_not_counted():
    # 第四十五条: review Mon 03-09 … Fri 03-13 = 5 working days not counted → 03-30 + 5 working days = Mon 04-07?
    # 03-31 1, 04-01 2, 04-02 3, 04-03 4, (04-04…06 清明), 04-07 5 → 2026-04-07
    pause = Pause(date(2026, 3, 9), date(2026, 3, 13))
    assert working_days_between(date(2026, 3, 8), date(2026, 3, 13)) == 5
    assert decision_due(baseline(), date(2026, 3, 2), pauses=(pause,)).due == date(2026, 4, 7)
    # while the review runs the clock is stopped: no due date
    assert decision_due(baseline(), date(2026, 3, 2), pauses=(Pause(date(2026, 3, 9), None),)) is None

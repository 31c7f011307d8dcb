"""The rulebook keys citizen reception reads (values, validity and citations live in the rulebook).

`HOST_RULES`: the legal minimum of reception days of a host role, and the period it is counted over —
"week" (ISO weeks, each assigned to the month of its Monday) or "month" (calendar months).
"""

WEEK, MONTH = "week", "month"

HOST_RULES: dict[str, tuple[str, str]] = {
    "commune_chair": ("reception.commune_chair_days_per_week", WEEK),
    "commune_party_secretary": ("reception.commune_party_secretary_days_per_month", MONTH),
    "provincial_chair": ("reception.provincial_chair_days_per_month", MONTH),
    "provincial_party_secretary": ("reception.provincial_party_secretary_days_per_month", MONTH),
}
NOTICE_RULE = "reception.schedule_notice"
ANSWER_RULE = "reception.answer"

# which host roles a unit of a kind must hold regular reception days for
COMMUNE_HOSTS = ("commune_chair", "commune_party_secretary")
PROVINCE_HOSTS = ("provincial_chair", "provincial_party_secretary")

import re

import pytest


class Outbox:
    """The memory SMS gateway's messages, (phone, text) in order."""

    def __init__(self, messages):
        self.messages = messages

    def to(self, phone: str) -> list[str]:
        return [text for to, text in self.messages if to == phone]

    def code_for(self, phone: str) -> str:
        texts = self.to(phone)
        assert texts, f"no SMS to {phone}: {self.messages}"
        return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


@pytest.fixture
def gateway(settings):
    """SMS through the memory gateway (its outbox cleared). Codes are sent after commit: wrap the call in
    `django_capture_on_commit_callbacks(execute=True)`."""
    from danvan.notifications.sms import MemorySmsGateway

    settings.DANVAN_SMS_BACKEND = "danvan.notifications.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    return Outbox(MemorySmsGateway.outbox)

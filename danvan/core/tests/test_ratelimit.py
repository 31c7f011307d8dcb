"""The shared rate-limit windows: atomic counts, the window's end, and the same counter for every thread."""

import threading

from django.core.cache import cache

from danvan.core import ratelimit


def test_hits_count_up_within_the_window_and_clear_resets():
    assert [ratelimit.hit("t:a", 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.count("t:a") == 3 and ratelimit.exceeded("t:a", 3) and not ratelimit.exceeded("t:a", 4)
    ratelimit.clear("t:a")
    assert ratelimit.count("t:a") == 0 and ratelimit.hit("t:a", 60) == 1


def test_the_wait_is_counted_from_the_first_hit(monkeypatch):
    import time

    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    ratelimit.hit("t:w", 600)
    monkeypatch.setattr(time, "time", lambda: start + 130)
    ratelimit.hit("t:w", 600)  # a later hit does not move the window
    assert ratelimit.retry_after("t:w", 600) == 470 and ratelimit.retry_after_minutes("t:w", 600) == 8


def test_a_window_that_ended_between_add_and_incr_starts_again(monkeypatch):
    monkeypatch.setattr(cache, "add", lambda *a, **k: False)  # the key looked present…
    monkeypatch.setattr(
        cache, "incr", lambda *a, **k: (_ for _ in ()).throw(ValueError("gone"))
    )  # …then expired
    assert ratelimit.hit("t:gone", 60) == 1


def test_concurrent_hits_are_all_counted():
    def work():
        for _ in range(50):
            ratelimit.hit("t:c", 60)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ratelimit.count("t:c") == 400


def test_consume_lets_exactly_the_maximum_through_when_all_arrive_at_once():
    """Checking `exceeded` and then calling `hit` let two submissions at the last place both pass; `consume`
    counts first. 16 threads × 5 attempts against a limit of 30: 30 pass, every other one is refused."""
    import pytest

    from danvan.core.errors import DomainError

    ratelimit.clear("t:consume")
    passed, refused = [], []
    barrier = threading.Barrier(16)

    def work():
        barrier.wait()
        for _ in range(5):
            try:
                ratelimit.consume("t:consume", (30, 600), "ý kiến")
                passed.append(1)
            except DomainError as exc:
                refused.append(exc)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (len(passed), len(refused)) == (30, 50)
    message = refused[0].message
    assert refused[0].code == "rate_limited" and message.startswith("Bạn đã gửi quá nhiều ý kiến")
    assert "10 phút" in message
    with pytest.raises(DomainError):
        ratelimit.consume("t:consume", (30, 600), "ý kiến")

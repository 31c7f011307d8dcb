from danvan.core.http import client_ip


def test_client_address_is_the_peer_without_proxies(rf, settings):
    settings.DANVAN_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "192.0.2.1"  # a header the client wrote is not trusted


def test_behind_one_proxy_the_address_it_saw_counts(rf, settings):
    settings.DANVAN_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"  # the spoofed left entry is ignored
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    assert client_ip(None) == ""

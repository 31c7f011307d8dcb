"""`make run` as a person meets it: config/localrun.py started for real on another port, on a fresh SQLite
file (no demo, to stay quick), with its worker and scheduler; driven over http like a browser."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from config.localrun import local_environment

ROOT = Path(__file__).resolve().parents[2]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def free_port() -> int:
    for port in range(8116, 8120):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8116–8119")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("localrun")
    port = free_port()
    (tmp / "media" / "tin-tuc").mkdir(parents=True)
    (tmp / "media" / "tin-tuc" / "anh.png").write_bytes(PNG)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DANVAN_", "DJANGO_"))}
    base.update(
        DATABASE_URL=f"sqlite:///{tmp / 'danvan.sqlite3'}",
        DANVAN_MEDIA_ROOT=str(tmp / "media"),
        DANVAN_PRIVATE_ROOT=str(tmp / "private"),
        DANVAN_STATIC_ROOT=str(tmp / "static"),
    )
    cmd = [sys.executable, "-m", "config.localrun", "--port", str(port), "--no-demo", "--quiet"]
    cmd += ["--env-file", str(tmp / "local.env"), "--log-dir", str(tmp / "logs")]
    log = open(tmp / "launcher.log", "w")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=base, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    # Migrating a fresh database and collecting the static files take 20 s on a quiet machine, minutes on a
    # loaded one (CI on 2 cores beside other jobs failed at 120 s); a launcher that dies is seen at once.
    deadline = time.monotonic() + 420
    while True:
        try:
            urllib.request.urlopen(url + "/static/nothing", timeout=5)
        except urllib.error.HTTPError:
            break  # an answer: the server is up
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("config.localrun did not serve: " + (tmp / "launcher.log").read_text()[-3000:])
            time.sleep(0.5)
    env = local_environment(host="127.0.0.1", port=port, dev=False, base=base, env_file=tmp / "local.env")
    served = {"url": url, "port": port, "tmp": tmp, "env": env, "proc": proc}
    # The portal needs one unit (the demo is left out to keep the test quick).
    manage_shell(
        served,
        "import datetime as dt; from danvan.units.services import unit_create; from danvan.units.models import UnitKind; "
        "unit_create(actor=None, code='87', name='Tỉnh Đồng Tháp', kind=UnitKind.PROVINCE, valid_from=dt.date(2019, 1, 1))",
    )
    yield served
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of its children
        except ProcessLookupError:
            pass
        log.close()


def manage_shell(served, code: str) -> str:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=served["env"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout


def get(url):
    try:
        resp = urllib.request.urlopen(url, timeout=10)
        return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_local_run_generates_its_keys_once_into_a_private_file(served):
    env_file = served["tmp"] / "local.env"
    assert oct(env_file.stat().st_mode & 0o777) == "0o600"
    text = env_file.read_text()
    assert "DANVAN_SECRET_KEY=" in text and "DANVAN_PROTECTED_KEYS=" in text
    again = local_environment(host="127.0.0.1", port=1, dev=False, base={}, env_file=env_file)
    assert env_file.read_text() == text and again["DANVAN_SECRET_KEY"] in text


def test_local_run_serves_production_pages_with_debug_off(served):
    status, _headers, body = get(served["url"] + "/trang-khong-co/")
    html = body.decode()
    assert status == 404 and "<h1>Không tìm thấy trang</h1>" in html
    assert "Using the URLconf" not in html  # Django's debug page
    css = re.search(r'href="(/static/css/danvan\.[0-9a-f]+\.css)"', html)
    assert css, "static files carry the manifest's hashed names (collectstatic ran)"
    status, headers, _body = get(served["url"] + css.group(1))
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_local_run_serves_uploaded_public_images(served):
    status, headers, body = get(served["url"] + "/media/tin-tuc/anh.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and body == PNG


def test_an_officer_signs_in_over_plain_http(served):
    manage_shell(
        served,
        "from danvan.people.models import User; "
        "User.objects.create_user(username='thu.nghiem', password='mat-khau-dai-2026', full_name='Thử Nghiệm')",
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(served["url"] + "/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "thu.nghiem", "password": "mat-khau-dai-2026"}
    ).encode()
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(urllib.request.Request(served["url"] + "/dang-nhap/", data=data))
    assert answer.value.code == 302  # signed in, sent on; a refused login answers the form again (200)
    assert "sessionid" in {c.name for c in jar}
    assert all(not c.secure for c in jar)  # plain http on this machine: DANVAN_LOCAL_HTTP


def test_links_in_notices_use_the_port_actually_served(served):
    """A notice sent while serving on another port than 8000 links to that port (the worker sends it)."""
    manage_shell(
        served,
        "from danvan.people.models import User; from danvan.notifications.services import notify; "
        "u = User.objects.create_user(username='nhan.tin', password='mat-khau-dai-2026', full_name='Nhận Tin', "
        "email='nhan.tin@example.vn'); "
        "notify(user=u, title='Có đơn mới', body='Một đơn mới cần tiếp nhận.', url='/can-bo/don-thu/')",
    )
    log = served["tmp"] / "logs" / "worker.log"
    deadline = time.monotonic() + 60
    while "Một đơn mới cần tiếp nhận." not in (log.read_text() if log.exists() else ""):
        assert time.monotonic() < deadline, "the worker did not send the e-mail"
        time.sleep(0.5)
    time.sleep(0.5)
    text = log.read_text()
    assert f"http://127.0.0.1:{served['port']}/can-bo/don-thu/" in text
    assert "127.0.0.1:8000" not in text


def children(pid: int) -> dict[int, str]:
    out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(line.split(None, 1)[0]): line.split(None, 1)[1] for line in out.stdout.strip().splitlines()}


def test_the_worker_is_restarted_when_it_dies(served):
    def worker_pid():
        found = [p for p, args in children(served["proc"].pid).items() if "run_worker" in args]
        return found[0] if found else None

    # the launcher starts the worker beside the server: wait for it under load
    deadline = time.monotonic() + 30
    while (first := worker_pid()) is None:
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.3)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while worker_pid() in (None, first):
        assert time.monotonic() < deadline, "the worker was not restarted"
        time.sleep(0.3)
    assert "[worker] đã dừng" in (served["tmp"] / "launcher.log").read_text()


def test_make_dev_keeps_debug_on_and_make_run_turns_it_off(tmp_path):
    env_file = tmp_path / "local.env"
    dev = local_environment(host="127.0.0.1", port=8101, dev=True, base={}, env_file=env_file)
    run = local_environment(host="127.0.0.1", port=8101, dev=False, base={}, env_file=env_file)
    assert dev["DANVAN_DEBUG"] == "true" and run["DANVAN_DEBUG"] == "false"
    assert dev["DANVAN_SITE_URL"] == run["DANVAN_SITE_URL"] == "http://127.0.0.1:8101"
    assert dev["DANVAN_SECRET_KEY"] == run["DANVAN_SECRET_KEY"]  # one database, one set of keys
    explicit = local_environment(
        host="127.0.0.1",
        port=8101,
        dev=False,
        base={"DANVAN_SITE_URL": "https://xa.example.vn"},
        env_file=env_file,
    )
    assert explicit["DANVAN_SITE_URL"] == "https://xa.example.vn"

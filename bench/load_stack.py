"""The processes of `bench/load.py`: its Redis, gunicorn, Celery worker and beat, an SMTP sink.

Each process runs in its own process group, on 127.0.0.1 only, with an environment built
from scratch (nothing of the caller's DATABASE_URL or REDIS_URL leaks in), and writes its
output to a log file in the run's folder. `Stack.close()` stops whatever is still running;
`bench/load.py` calls it in a `finally`, so Ctrl-C or an exception leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# An order number as the portal writes it: 2026-000123.
ORDER_NUMBER = re.compile(r"\b\d{4}-\d{6}\b")
SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PRIVACY_HASH_KEY = "bench-only-privacy-hash-key-0123456789-abcdefghijklmnopqrstuvw"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, seconds: float, process: Proc | None = None) -> None:
    """Return once 127.0.0.1:port accepts connections; raise after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process is not None and not process.running:
                raise RuntimeError(f"{process.name} exited; see {process.log}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing answers on port {port} after {seconds} s") from None
            time.sleep(0.2)


def portal_env(*, database_url: str, redis_url: str, smtp_port: int, web_port: int, tmp: Path):
    """Return the environment of a production-shaped portal process (debug off)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "PYTHONWARNINGS": "ignore:No directory at",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "PRIVACY_HASH_KEY": PRIVACY_HASH_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{web_port}",
        # Plain HTTP on the loopback: no TLS redirect, cookies not marked secure, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # Static files from the source folders through whitenoise: no collectstatic needed.
        "STATIC_MANIFEST": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "portal-load",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "WARNING",
    }


class Proc:
    """One child process in its own process group, restartable with the same command."""

    def __init__(self, name: str, args: list[str], *, env: dict, log: Path):
        self.name, self.args, self.env, self.log = name, args, env, log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> Proc:
        self.starts += 1
        out = self.log.open("ab")
        out.write(f"\n===== bench: start #{self.starts} at {time.strftime('%X')}\n".encode())
        out.flush()
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        out.close()
        return self

    def _signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def kill(self) -> None:
        """Kill the whole group at once (SIGKILL), as a crash or an OOM kill would."""
        if self.process is not None:
            self._signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, *, seconds: float = 15) -> None:
        """Ask the group to stop (SIGTERM); kill it if it is still there after `seconds`."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait(timeout=10)
        # Children left behind by a parent that exited (pool workers) go with the group.
        self._signal_group(signal.SIGKILL)


@dataclass(frozen=True)
class Mail:
    recipients: tuple[str, ...]
    subject: str
    numbers: tuple[str, ...]
    received_at: float


@dataclass
class _SinkHandler:
    """aiosmtpd handler: keep who each message went to and which order numbers it names."""

    mails: list[Mail] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        subject = str(message.get("subject", ""))
        part = message.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""
        numbers = ORDER_NUMBER.findall(subject) or ORDER_NUMBER.findall(body)
        mail = Mail(
            recipients=tuple(r.lower() for r in envelope.rcpt_tos),
            subject=subject,
            numbers=tuple(dict.fromkeys(numbers)),
            received_at=time.monotonic(),
        )
        with self.lock:
            self.mails.append(mail)
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that accepts every message and remembers it."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.port = port
        self.handler = _SinkHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def mails(self) -> list[Mail]:
        with self.handler.lock:
            return list(self.handler.mails)


class Stack:
    """Redis, gunicorn (2 workers), a Celery worker and beat and an SMTP sink for one run."""

    def __init__(self, *, database_url: str, tmp: Path):
        self.tmp = tmp
        self.redis_port, self.web_port, smtp_port = free_port(), free_port(), free_port()
        self.sink = SmtpSink(smtp_port)
        self.env = portal_env(
            database_url=database_url, redis_url=f"redis://127.0.0.1:{self.redis_port}/0",
            smtp_port=smtp_port, web_port=self.web_port, tmp=tmp,
        )  # fmt: skip
        (tmp / "redis").mkdir(exist_ok=True)
        python = sys.executable
        self.redis = Proc("redis", [
            "redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port),
            "--dir", str(tmp / "redis"), "--save", "900 1", "--appendonly", "no",
            "--protected-mode", "yes",
        ], env=self.env, log=tmp / "redis.log")  # fmt: skip
        self.web = Proc("gunicorn", [
            python, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.web_port}",
            "--workers", "2", "--no-control-socket", "--access-logfile", str(tmp / "access.log"),
            "--access-logformat", '%(s)s %(m)s "%(U)s" %(M)s %(t)s',
        ], env=self.env, log=tmp / "gunicorn.log")  # fmt: skip
        self.worker = Proc("celery worker", [
            python, "-m", "celery", "-A", "portal", "worker", "--loglevel=INFO",
            "--concurrency=2", f"--hostname=load{self.web_port}@%h",
        ], env=self.env, log=tmp / "worker.log")  # fmt: skip
        self.beat = Proc("celery beat", [
            python, "-m", "celery", "-A", "portal", "beat", "--loglevel=INFO",
            f"--schedule={tmp / 'beat-schedule'}", f"--pidfile={tmp / 'beat.pid'}",
        ], env=self.env, log=tmp / "beat.log")  # fmt: skip
        self.processes = [self.beat, self.worker, self.web, self.redis]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def start(self) -> None:
        self.sink.start()
        self.redis.start()
        wait_for_port(self.redis_port, seconds=15, process=self.redis)
        self.web.start()
        self.worker.start()
        self.beat.start()
        wait_for_port(self.web_port, seconds=60, process=self.web)

    def start_redis(self) -> None:
        self.redis.start()
        wait_for_port(self.redis_port, seconds=15, process=self.redis)

    def supervise(self) -> list[str]:
        """Restart a worker or beat that exited, as a process supervisor would; say which."""
        restarted = []
        for process in (self.worker, self.beat, self.web):
            if not process.running:
                restarted.append(process.name)
                process.start()
        return restarted

    def close(self) -> None:
        for process in self.processes:
            try:
                process.stop()
            except Exception as error:  # keep stopping the others
                print(f"  could not stop {process.name}: {error}", file=sys.stderr)
        try:
            self.sink.stop()
        except Exception as error:
            print(f"  could not stop the SMTP sink: {error}", file=sys.stderr)

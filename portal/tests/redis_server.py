"""A Redis server of a test's own, on a free port, that the test may stop, pause and restart.

The shared Redis of the machine is never stopped (other tests and engineers use it); an
outage is played on this one.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time

import redis

from outbox.tests.smtp import free_port


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self._process: subprocess.Popen | None = None
        self._data = tempfile.TemporaryDirectory(prefix="portal-test-redis-")

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not on PATH (apt-get install redis-server).")
        self._process = subprocess.Popen(
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning",
             "--dir", self._data.name, "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self._process.poll() is not None:
                    raise RuntimeError("The private redis-server did not start.") from None
                time.sleep(0.05)
        client.close()

    def stop(self, *, keep_data: bool = False) -> None:
        """Stop the server: connections are refused. With `keep_data`, it saves its data
        first and `start` loads them again (a restart, as with persistence in production);
        else they are gone."""
        if self._process is None:
            return
        self.resume()
        if keep_data:
            redis.Redis(port=self.port).shutdown(save=True)
        else:
            dump = os.path.join(self._data.name, "dump.rdb")
            if os.path.exists(dump):
                os.remove(dump)
            self._process.terminate()
        self._process.wait(timeout=10)
        self._process = None

    def pause(self) -> None:
        """Freeze the server: it keeps its data, accepts connections and never answers."""
        os.kill(self._process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            os.kill(self._process.pid, signal.SIGCONT)

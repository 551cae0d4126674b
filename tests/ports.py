"""Ports for the servers a test starts itself (redis-server, nginx, varnishd).

`make test` runs the suite in pytest-xdist workers. A test finds a free port by binding it
for a moment; two workers probing the same range at the same moment could both find the same
port free before either server has bound it. So each worker probes only its own share of a
range (worker N of M takes the ports p with p % M == N), and two workers never meet.
"""

import os


def ports_of_this_worker(ports):
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    index = int(worker) % count if worker.isdigit() else 0
    return [port for port in ports if port % count == index]

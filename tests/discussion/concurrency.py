"""Run requests at the same moment, each thread on its own database connection.

Tests that use this commit for real (`django_db(transaction=True, serialized_rollback=True)`):
the threads must see each other's rows. SQLite serialises writers on one file and fails the
losers with "database is locked" rather than waiting, so these tests run on PostgreSQL only.
"""

import threading

import pytest
from django.db import connection, connections

SQLITE_REASON = "SQLite cannot run concurrent writers (it locks the whole database); CI runs this on PostgreSQL"


def require_concurrent_database():
    if connection.vendor == "sqlite":
        pytest.skip(SQLITE_REASON)


def run_at_once(functions, timeout=60):
    """Call each function in its own thread, all released together; return their results in order.
    An exception in a thread is re-raised here."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)
    errors = []

    def run(index, function):
        try:
            barrier.wait(timeout)
            results[index] = function()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a request never answered"
    if errors:
        raise errors[0]
    return results

"""Chunks of games on a Dask distributed cluster (`--scheduler ADDRESS`).

The chunk is the unit of work everywhere (sweep.Chunk: a scenario, two players and a run
of game seeds), so a cluster runs exactly what a local process pool runs and the results
are the same: every game's draws are keyed by its own seed. Dask is optional
(`pip install 'compute-race[cluster]'`); it is imported only when a scheduler is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from game.model.errors import InputError

CONNECT_TIMEOUT_S = 10  # an address that does not answer within this is refused
WORKERS_TIMEOUT_S = 60  # a scheduler with no worker for this long is refused
INSTALL_HINT = "pip install 'compute-race[cluster]'"


def connect(address: str) -> Any:
    """A Dask client for the scheduler at `address` (tcp://HOST:PORT), or InputError."""
    try:
        from distributed import Client  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InputError([f"--scheduler {address}: running on a cluster needs Dask "
                          f"distributed ({INSTALL_HINT})"]) from None
    try:
        client = Client(address, timeout=f"{CONNECT_TIMEOUT_S}s",  # type: ignore[no-untyped-call,unused-ignore]
                        set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise InputError([f"--scheduler {address}: no Dask scheduler answered there "
                          f"within {CONNECT_TIMEOUT_S} s ({exc}). Start one with "
                          "`dask scheduler` and workers with `dask worker ADDRESS` (see "
                          "README, 'Running on a cluster')"]) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        client.close()  # type: ignore[no-untyped-call,unused-ignore]
        raise InputError([f"--scheduler {address}: the scheduler has no workers "
                          f"({exc}); start some with `dask worker {address}`"]) from None
    return client


def results_on(address: str, run: Callable[[Any], Any],
               chunks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
    """(chunk.index, run(chunk)) for each chunk, as the cluster finishes them."""
    from distributed import as_completed  # type: ignore[import-untyped,unused-ignore]

    client = connect(address)
    try:
        futures = {client.submit(run, chunk, pure=False): chunk.index for chunk in chunks}
        # as_completed looks for a default client unless given the loop: ours is not one.
        for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call,unused-ignore]
            yield futures[future], future.result()
    finally:
        client.close()

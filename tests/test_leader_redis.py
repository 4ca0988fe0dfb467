"""The scheduler's Redis lease (bot/leader.py): two processes compete, one leads, the other
takes over when the first stops or its lease lapses. Uses the local Redis (TEST_REDIS_URL,
default redis://127.0.0.1:6379/0); skipped without it."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable

import pytest

from bot.leader import AlwaysLeader, PgAdvisoryLeader, RedisLeaseLeader, leader_only, make_leader

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


needs_redis = pytest.mark.skipif(not _redis_up(), reason=f"needs Redis at {REDIS_URL}")

Make = Callable[..., RedisLeaseLeader]


@pytest.fixture
async def leaders() -> AsyncIterator[Make]:
    """Leaders on one fresh key (runs in parallel do not meet); all released afterwards."""
    key = f"marshrut:test:leader:{uuid.uuid4().hex}"
    made: list[RedisLeaseLeader] = []

    def make(lease: float = 5.0) -> RedisLeaseLeader:
        leader = RedisLeaseLeader(REDIS_URL, key=key, lease=lease)
        made.append(leader)
        return leader

    yield make
    for leader in made:
        await leader.release()


@needs_redis
async def test_one_wins_the_other_takes_over_after_it_stops(leaders: Make) -> None:
    a, b = leaders(), leaders()
    assert await a.acquire() is True
    assert await b.acquire() is False
    assert await a.acquire() is True  # still the leader at its next tick
    assert (a.is_leader, b.is_leader) == (True, False)
    await a.release()  # shutdown: the key is deleted, no waiting for the lease
    assert await b.acquire() is True
    assert b.is_leader


@needs_redis
async def test_the_leader_renews_its_lease_between_ticks(leaders: Make) -> None:
    a, b = leaders(lease=0.3), leaders(lease=0.3)
    assert await a.acquire()
    await asyncio.sleep(1.0)  # three leases without a tick: the renewal keeps it
    assert await b.acquire() is False
    assert a.is_leader


@needs_redis
async def test_a_dead_leaders_lease_lapses_and_the_other_takes_over(leaders: Make) -> None:
    a, b = leaders(lease=0.3), leaders(lease=0.3)
    assert await a.acquire()
    assert a._renewer is not None
    a._renewer.cancel()  # the process froze or died: no renewal, no release
    await asyncio.sleep(0.5)
    assert await b.acquire() is True
    # the old leader, back, finds its lease gone and steps down at its next tick
    assert await a.acquire() is False
    assert not a.is_leader and b.is_leader
    await a.release()  # does not delete the new leader's key
    assert await b.acquire() is True
    c = leaders(lease=0.3)
    assert await c.acquire() is False


@needs_redis
async def test_a_renewal_that_finds_another_token_steps_down(leaders: Make) -> None:
    a = leaders(lease=0.3)
    assert await a.acquire()
    await a.redis.set(a.key, "someone-else", px=5000)  # taken over meanwhile
    await asyncio.sleep(0.3)
    assert not a.is_leader  # noticed by the renewal itself, before any tick
    assert await a.redis.get(a.key) == b"someone-else"


@needs_redis
async def test_only_the_leader_runs_the_job(leaders: Make) -> None:
    a, b = leaders(), leaders()
    runs: list[str] = []

    async def job(name: str) -> None:
        runs.append(name)

    states: list[bool] = []
    in_a, in_b = leader_only(a, job), leader_only(b, job, states.append)
    for _ in range(3):
        await in_a("a")
        await in_b("b")
    assert runs == ["a", "a", "a"] and states == [False, False, False]
    await a.release()
    await in_b("b")
    assert runs[-1] == "b" and states[-1] is True


async def test_without_redis_reachable_it_is_not_the_leader() -> None:
    leader = RedisLeaseLeader("redis://127.0.0.1:1/0", key="marshrut:test:nowhere")
    assert await leader.acquire() is False  # never raises: the jobs pause here
    assert not leader.is_leader
    await leader.release()


async def test_the_choice_of_leader() -> None:
    assert isinstance(make_leader("sqlite+aiosqlite:///x.db"), AlwaysLeader)
    pg = make_leader("postgresql+asyncpg://u@127.0.0.1:5432/db")
    assert isinstance(pg, PgAdvisoryLeader)
    await pg.release()
    for url in ("postgresql+asyncpg://u@127.0.0.1:5432/db", "sqlite+aiosqlite:///x.db"):
        redis = make_leader(url, "redis://127.0.0.1:6379/0")
        assert isinstance(redis, RedisLeaseLeader)
        await redis.release()

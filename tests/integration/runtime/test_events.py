"""The outbox → stream → consumer group path delivers each event's effect exactly once, even
when the relay or a consumer dies mid-way, on PostgreSQL + Redis and on the embedded shape."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select, text, update

from services.runtime.db import Database
from services.runtime.events import (
    Consumer,
    Event,
    OutboxRelay,
    RedisStreamBus,
    SqliteStreamBus,
    event_tables,
    publish,
    stream_name,
)
from tests.conftest import SESSION

SCHEMA = "runtime_events_test"
NS = f"t{SESSION}:"
STREAM = stream_name(SCHEMA, NS)
metadata = MetaData(schema=SCHEMA)
outbox, processed = event_tables(metadata)
effects = Table(
    "effects", metadata, Column("event_id", String(36), primary_key=True), Column("n", Integer)
)


class RelayDied(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way handles it."""


@pytest.fixture(params=["postgres+redis", "embedded"])
async def shape(request, pg_url, redis_url, tmp_path):
    if request.param == "postgres+redis":
        db = Database(pg_url, SCHEMA)
        async with db.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
            await conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
        bus = RedisStreamBus(redis_url)
        await bus.client.delete(STREAM)
    else:
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'svc.db'}", SCHEMA)
        bus = SqliteStreamBus(tmp_path / "events.db")
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield db, bus
    await bus.close()
    await db.close()


async def record_effect(session, event):
    await session.execute(effects.insert().values(event_id=event.event_id, n=event.payload["n"]))


async def effect_count(db) -> int:
    async with db.transaction() as s:
        return (await s.execute(select(func.count()).select_from(effects))).scalar_one()


async def test_event_published_only_with_its_transaction(shape):
    db, bus = shape
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await publish(session, outbox, "thing.done", {"n": 1})
            raise RuntimeError("the change failed")
    assert await OutboxRelay(db, outbox, bus, NS).relay_once() == 0


async def test_relay_killed_after_append_delivers_once(shape):
    db, bus = shape
    async with db.transaction() as session:
        event_id = await publish(session, outbox, "thing.done", {"n": 7})

    real_append_all = bus.append_all

    async def append_then_die(stream, entries):
        await real_append_all(stream, entries)
        raise RelayDied

    bus.append_all = append_then_die
    with pytest.raises(RelayDied):
        await OutboxRelay(db, outbox, bus, NS).relay_once()
    bus.append_all = real_append_all

    # The row is still unpublished, so the restarted relay sends it again: the bus keeps one.
    assert await OutboxRelay(db, outbox, bus, NS).relay_once() == 1
    assert await OutboxRelay(db, outbox, bus, NS).relay_once() == 0

    consumer = Consumer(db, processed, bus, STREAM, "g1", record_effect)
    delivered = 0
    for _ in range(3):
        delivered += await consumer.consume_once(block_ms=100)
    assert delivered == 1
    assert await effect_count(db) == 1
    async with db.transaction() as s:
        row = (await s.execute(select(effects))).one()
    assert (row.event_id, row.n) == (event_id, 7)


async def test_consumer_killed_before_ack_is_redelivered_but_applied_once(shape):
    db, bus = shape
    async with db.transaction() as session:
        await publish(session, outbox, "thing.done", {"n": 1})
        await publish(session, outbox, "thing.done", {"n": 2})
    await OutboxRelay(db, outbox, bus, NS).relay_once()

    stream = STREAM
    dying = Consumer(db, processed, bus, stream, "g2", record_effect, claim_idle_seconds=0.05)
    real_ack = bus.ack

    async def die_on_ack(*args):
        raise RelayDied

    bus.ack = die_on_ack
    with pytest.raises(RelayDied):
        await dying.consume_once(block_ms=100)
    bus.ack = real_ack

    await asyncio.sleep(0.1)  # past the claim idle time
    survivor = Consumer(db, processed, bus, stream, "g2", record_effect, claim_idle_seconds=0.05)
    for _ in range(3):
        await survivor.consume_once(block_ms=100)
    assert await effect_count(db) == 2  # the first event once, the second once

    # Nothing is left pending: a third consumer finds no work.
    late = Consumer(db, processed, bus, stream, "g2", record_effect, claim_idle_seconds=0.05)
    await asyncio.sleep(0.1)
    assert await late.consume_once(block_ms=100) == 0


async def test_each_group_gets_every_event(shape):
    db, bus = shape
    async with db.transaction() as session:
        for n in range(5):
            await publish(session, outbox, "thing.done", {"n": n})
    await OutboxRelay(db, outbox, bus, NS).relay_once()
    seen: dict[str, list[int]] = {"a": [], "b": []}

    def collect(group):
        async def handler(session, event):
            seen[group].append(event.payload["n"])

        return handler

    for group in seen:
        await Consumer(db, processed, bus, STREAM, group, collect(group)).consume_once(block_ms=100)
    assert seen == {"a": [0, 1, 2, 3, 4], "b": [0, 1, 2, 3, 4]}


async def test_late_committing_row_is_not_lost(shape):
    """A row with a smaller id committed after a larger one was relayed still reaches the stream."""
    db, bus = shape
    async with db.transaction() as session:
        await publish(session, outbox, "thing.done", {"n": 1})
        await publish(session, outbox, "thing.done", {"n": 2})
    # Relay only the second row, as if the first had not committed yet.
    async with db.transaction() as session:
        rows = (await session.execute(select(outbox).order_by(outbox.c.id))).all()
    first, second = rows
    await bus.append(STREAM, second.id, Event(second.event_id, "thing.done", {"n": 2}, SCHEMA))
    await bus.append(STREAM, first.id, Event(first.event_id, "thing.done", {"n": 1}, SCHEMA))
    consumer = Consumer(db, processed, bus, STREAM, f"g-{uuid.uuid4().hex[:6]}", record_effect)
    await consumer.consume_once(block_ms=100)
    assert await effect_count(db) == 2


async def test_a_batch_with_rows_already_on_the_stream_and_a_late_one_delivers_each_once(shape):
    """The relay appends a batch at once: a row appended before a crash is not appended again,
    and one whose transaction committed after a later row was relayed still gets through."""
    db, bus = shape
    async with db.transaction() as session:
        for n in (1, 2, 3):
            await publish(session, outbox, "thing.done", {"n": n})
    async with db.transaction() as session:
        first, _late, third = (await session.execute(select(outbox).order_by(outbox.c.id))).all()
        # The third was relayed while the second had not committed; the first reached the
        # stream just before a relay died, so it is still unpublished.
        await session.execute(
            update(outbox).where(outbox.c.id == third.id).values(published_at=datetime.now(UTC))
        )
    for row in (first, third):
        await bus.append(STREAM, row.id, Event(row.event_id, row.topic, row.payload, SCHEMA))

    assert await OutboxRelay(db, outbox, bus, NS).relay_once() == 2
    consumer = Consumer(db, processed, bus, STREAM, f"g-{uuid.uuid4().hex[:6]}", record_effect)
    delivered = 0
    for _ in range(3):
        delivered += await consumer.consume_once(block_ms=100)
    assert delivered == 3
    assert await effect_count(db) == 3


async def test_trimming_keeps_every_entry_a_group_has_not_acknowledged(shape):
    """The relay's tidying drops from the stream only what every group acknowledged: a group
    behind still gets each of its events once; a group joining afterwards sees what was kept."""
    db, bus = shape
    seen, relay = await relayed_five(db, bus)
    await trailing(db, bus, seen, "ahead").consume_once(block_ms=100, count=5)
    behind = trailing(db, bus, seen, "behind")
    await behind.consume_once(block_ms=100, count=2)

    await relay.tidy_once()
    await trailing(db, bus, seen, "late").consume_once(block_ms=100, count=10)
    assert seen["late"] == [2, 3, 4]
    await behind.consume_once(block_ms=100, count=10)
    assert seen["behind"] == [0, 1, 2, 3, 4]


async def test_a_group_that_has_read_nothing_keeps_the_whole_stream(shape):
    db, bus = shape
    seen, relay = await relayed_five(db, bus)
    await bus.ensure_group(STREAM, f"idle-{uuid.uuid4().hex[:6]}")
    await trailing(db, bus, seen, "ahead").consume_once(block_ms=100, count=5)

    await relay.tidy_once()
    await trailing(db, bus, seen, "late").consume_once(block_ms=100, count=10)
    assert seen["late"] == [0, 1, 2, 3, 4]


async def relayed_five(db, bus) -> tuple[dict[str, list[int]], OutboxRelay]:
    async with db.transaction() as session:
        for n in range(5):
            await publish(session, outbox, "thing.done", {"n": n})
    relay = OutboxRelay(db, outbox, bus, NS)
    assert await relay.relay_once() == 5
    return {}, relay


def trailing(db, bus, seen: dict[str, list[int]], group: str) -> Consumer:
    """A consumer group named after `group` that notes each event's n in seen[group]."""
    seen[group] = []

    async def note(session, event):
        seen[group].append(event.payload["n"])

    return Consumer(db, processed, bus, STREAM, f"{group}-{uuid.uuid4().hex[:6]}", note)


async def test_relayed_rows_leave_the_outbox_after_the_retention(shape):
    db, bus = shape
    async with db.transaction() as session:
        for n in range(3):
            await publish(session, outbox, "thing.done", {"n": n})
    relay = OutboxRelay(db, outbox, bus, NS, retention=timedelta(days=7))
    assert await relay.relay_once() == 3
    async with db.transaction() as session:
        ids = (await session.execute(select(outbox.c.id).order_by(outbox.c.id))).scalars().all()
        await session.execute(
            update(outbox)
            .where(outbox.c.id.in_(ids[:2]))
            .values(published_at=datetime.now(UTC) - timedelta(days=8))
        )
        await publish(session, outbox, "thing.done", {"n": 3})  # not relayed yet

    assert await relay.tidy_once() == 2
    async with db.transaction() as session:
        left = (await session.execute(select(outbox.c.id).order_by(outbox.c.id))).scalars().all()
    assert left[0] == ids[2] and len(left) == 2
    assert await relay.relay_once() == 1  # the unrelayed row is untouched, and still goes


async def test_tidying_an_empty_or_unread_stream_changes_nothing(shape):
    db, bus = shape
    relay = OutboxRelay(db, outbox, bus, NS)
    await relay.tidy_once()  # no stream yet
    await bus.ensure_group(STREAM, f"g-{uuid.uuid4().hex[:6]}")
    await relay.tidy_once()  # a group, nothing in the stream
    seen, relay = await relayed_five(db, bus)
    await relay.tidy_once()
    await trailing(db, bus, seen, "late").consume_once(block_ms=100, count=10)
    assert seen["late"] == [0, 1, 2, 3, 4]


async def test_a_stream_without_groups_keeps_what_the_outbox_keeps(shape):
    db, bus = shape
    seen, relay = await relayed_five(db, bus)
    await backdate(db, days=8)

    assert await relay.tidy_once() == 4  # the newest row stays (see the next test)
    await trailing(db, bus, seen, "late").consume_once(block_ms=100, count=10)
    assert seen["late"] == [4]


async def test_tidying_never_lets_a_new_event_take_an_old_ones_place(shape):
    """SQLite numbers a row after the highest one left; had the only row been deleted, the next
    event would reuse its id, and the stream would take it for the old one appended again."""
    db, bus = shape
    seen: dict[str, list[int]] = {}
    behind = trailing(db, bus, seen, "behind")
    await bus.ensure_group(STREAM, behind._group)
    relay = OutboxRelay(db, outbox, bus, NS)
    for n in (0, 1):
        async with db.transaction() as session:
            await publish(session, outbox, "thing.done", {"n": n})
        assert await relay.relay_once() == 1
        await backdate(db, days=8)
        await relay.tidy_once()
    await behind.consume_once(block_ms=100, count=10)
    assert seen["behind"] == [0, 1]


async def test_groups_that_read_before_the_groups_table_existed_are_still_counted(tmp_path):
    """An embedded bus file from before `groups` existed: its groups are known from deliveries."""
    path = tmp_path / "events.db"
    bus = SqliteStreamBus(path)
    for seq in (1, 2, 3):
        await bus.append(STREAM, seq, Event(str(uuid.uuid4()), "thing.done", {"n": seq}, SCHEMA))
    for group, count in (("ahead", 3), ("behind", 1)):
        await bus.ensure_group(STREAM, group)
        for entry in await bus.read(STREAM, group, "c", count, 100):
            await bus.ack(STREAM, group, entry.entry_id)
    async with bus._db.transaction() as session:
        await session.execute(text("DELETE FROM groups"))  # as the older file had none
    await bus.close()

    reopened = SqliteStreamBus(path)
    await reopened.trim_consumed(STREAM, ungrouped_floor=4)
    left = await reopened.read(STREAM, "behind", "c", 10, 100)
    assert [entry.event.payload["n"] for entry in left] == [2, 3]
    await reopened.close()


async def backdate(db, days: int) -> None:
    """Every relayed row as if published `days` ago."""
    async with db.transaction() as session:
        await session.execute(
            update(outbox)
            .where(outbox.c.published_at.is_not(None))
            .values(published_at=datetime.now(UTC) - timedelta(days=days))
        )

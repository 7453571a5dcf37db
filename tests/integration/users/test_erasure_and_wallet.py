"""EraseUser asks the real wallet service first: funds must leave before the person does, and
the ledger history they leave behind is kept, balanced, linked only to the pseudonym."""

from __future__ import annotations

import grpc
import pytest
from bitsacco.users.v1 import users_pb2
from bitsacco.users.v1 import users_service_pb2 as pb
from bitsacco.wallet.v1 import wallet_service_pb2 as wallet_pb
from sqlalchemy import text

from services.wallet.storage.audit import ledger_problems
from tests.harness import details_of, free_port
from tests.integration.users.serving import request_id, users_service
from tests.integration.wallet.actions import fund, transfer
from tests.integration.wallet.serving import wallet_stack


def erase(users, member_token: str):
    return users.stub.EraseUser(
        pb.EraseUserRequest(request_id=request_id(), name="users/me", confirm=True),
        metadata=(("authorization", f"Bearer {member_token}"),),
    )


async def reason_of(call) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value.code(), details_of(caught.value)["ErrorInfo"].reason


async def test_a_member_with_funds_is_not_erased(pg_url, redis_url, namespace):
    async with (
        wallet_stack(pg_url, redis_url, namespace) as stack,
        # A second users process on the same database and keys, asking this wallet.
        users_service(pg_url, redis_url, namespace, wallet_target=stack.wallet.target) as users,
    ):
        saver = await stack.member()
        await fund(stack, saver, 500)
        assert await reason_of(erase(users, saver.token)) == (
            grpc.StatusCode.FAILED_PRECONDITION,
            "WALLET_NOT_EMPTY",
        )
        kept = await users.stub.GetUser(pb.GetUserRequest(name="users/me"), metadata=saver.metadata)
        assert kept.user.status == users_pb2.USER_STATUS_ACTIVE
        assert kept.user.phone_number == saver.phone

        empty = await stack.member()
        erased = (await erase(users, empty.token)).user
        assert erased.status == users_pb2.USER_STATUS_ERASED


async def test_an_unreachable_wallet_erases_nothing(pg_url, redis_url, namespace):
    closed = f"127.0.0.1:{free_port()}"
    async with users_service(pg_url, redis_url, namespace, wallet_target=closed) as users:
        member = await users.sign_in()
        token = member.tokens.access_token
        assert await reason_of(erase(users, token)) == (
            grpc.StatusCode.UNAVAILABLE,
            "WALLET_UNAVAILABLE",
        )
        kept = await users.stub.GetUser(
            pb.GetUserRequest(name="users/me"), metadata=(("authorization", f"Bearer {token}"),)
        )
        assert kept.user.status == users_pb2.USER_STATUS_ACTIVE


async def test_an_erased_members_ledger_history_stays_and_still_balances(
    pg_url, redis_url, namespace
):
    async with (
        wallet_stack(pg_url, redis_url, namespace) as stack,
        users_service(pg_url, redis_url, namespace, wallet_target=stack.wallet.target) as users,
    ):
        saver, friend = await stack.member(), await stack.member()
        sats = await fund(stack, saver, 500)
        await transfer(stack, saver, friend.phone, sats)  # the saver's wallet is now empty
        db = stack.wallet.resources.db
        async with db.engine.connect() as conn:
            entries_before = (await conn.execute(text(ENTRIES))).scalar_one()

        erased = (await erase(users, saver.token)).user
        assert erased.status == users_pb2.USER_STATUS_ERASED
        assert erased.phone_number == ""

        async with db.engine.connect() as conn:
            assert await ledger_problems(conn) == []
            assert (await conn.execute(text(ENTRIES))).scalar_one() == entries_before
        received = await stack.stub.ListTransactions(
            wallet_pb.ListTransactionsRequest(parent="wallets/me"), metadata=friend.metadata
        )
        assert [t.amount_sats for t in received.transactions] == [sats]


ENTRIES = "SELECT count(*) FROM wallet.entries"

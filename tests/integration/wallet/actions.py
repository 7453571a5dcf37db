"""Things wallet tests do often, through the public contract."""

from __future__ import annotations

import grpc
import pytest
from bitsacco.common.v1 import common_pb2
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb

from tests.harness import details_of
from tests.integration.wallet.serving import Member, WalletStack, request_id


def kes(shillings: int) -> common_pb2.Money:
    return common_pb2.Money(currency_code="KES", minor_units=shillings * 100)


async def wallet(stack: WalletStack, member: Member) -> wallet_pb2.Wallet:
    answer = await stack.stub.GetWallet(
        pb.GetWalletRequest(name="wallets/me"), metadata=member.metadata
    )
    return answer.wallet


async def deposit(
    stack: WalletStack, member: Member, shillings: int, **fields
) -> wallet_pb2.Deposit:
    answer = await stack.stub.CreateDeposit(
        pb.CreateDepositRequest(
            parent="wallets/me",
            deposit=wallet_pb2.Deposit(amount=kes(shillings), **fields),
            request_id=request_id(),
        ),
        metadata=member.metadata,
    )
    return answer.deposit


async def get_deposit(stack: WalletStack, member: Member, name: str) -> wallet_pb2.Deposit:
    answer = await stack.stub.GetDeposit(pb.GetDepositRequest(name=name), metadata=member.metadata)
    return answer.deposit


async def settled_deposit(stack: WalletStack, member: Member, name: str) -> wallet_pb2.Deposit:
    async def final():
        found = await get_deposit(stack, member, name)
        return found if found.state != wallet_pb2.DEPOSIT_STATE_PENDING else None

    return await stack.settle(final)


async def fund(stack: WalletStack, member: Member, shillings: int) -> int:
    """Save `shillings` through M-Pesa (the fake pays at once); the sats credited."""
    started = await deposit(stack, member, shillings)
    done = await settled_deposit(stack, member, started.name)
    assert done.state == wallet_pb2.DEPOSIT_STATE_COMPLETED, done
    return done.amount_sats


async def transfer(
    stack: WalletStack,
    member: Member,
    phone: str,
    sats: int,
    key: str | None = None,
    note: str = "",
    step_up_token: str = "",
) -> wallet_pb2.Transfer:
    answer = await stack.stub.CreateTransfer(
        pb.CreateTransferRequest(
            parent="wallets/me",
            transfer=wallet_pb2.Transfer(recipient_phone_number=phone, amount_sats=sats, note=note),
            request_id=key or request_id(),
            step_up_token=step_up_token,
        ),
        metadata=member.metadata,
    )
    return answer.transfer


async def refused(call, code: grpc.StatusCode, reason: str) -> dict:
    """Await `call`, which must fail with `code` and ErrorInfo `reason`; the status details."""
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    assert caught.value.code() == code, caught.value.details()
    details = details_of(caught.value)
    assert details["ErrorInfo"].reason == reason, details["ErrorInfo"]
    assert details["ErrorInfo"].domain == "wallet.bitsacco"
    return details

"""The embedded shape (`make run`): the wallet on a SQLite file with the in-process cache and the
SQLite event bus, its own simulated Daraja and price feed — saving, sending and withdrawing end to
end, and a deposit whose callback cannot be delivered still completing through the STK query."""

from __future__ import annotations

from types import SimpleNamespace

import grpc
import pytest
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb

from services.runtime.bootstrap import migrations_of, open_resources, token_verifier
from services.runtime.server import start
from services.wallet.service import build
from services.wallet.settings import WalletSettings
from services.wallet.storage.audit import ledger_problems
from tests.harness import free_port
from tests.integration.users.serving import SECRET
from tests.integration.wallet.actions import kes, settled_deposit, transfer, wallet
from tests.integration.wallet.serving import (
    CALLBACK_TOKEN,
    WalletStack,
    WebhookBridge,
    request_id,
)


@pytest.fixture
async def embedded(stack, tmp_path):
    """A second wallet in the embedded shape, beside the test stack's users service."""
    bridge = WebhookBridge()
    await bridge.start()
    settings = WalletSettings(
        service_name="wallet",
        grpc_port=free_port(),
        metrics_port=-1,
        state_dir=tmp_path,
        users_target=stack.users.target,
        service_secret=SECRET,
        jwt_issuer=stack.settings.jwt_issuer,
        jwt_audience=stack.settings.jwt_audience,
        mpesa_callback_base_url=bridge.url,
        mpesa_callback_token=CALLBACK_TOKEN,
        mpesa_fake_pay_delay_seconds=0.05,
        deposit_query_after_seconds=1,
        withdrawal_check_after_seconds=1,
        worker_interval_seconds=0.2,
    )
    assert settings.resolved_database_url().startswith("sqlite")
    assert settings.price_source == "simulated" and settings.mpesa_mode == "simulated"
    captured = []
    async with open_resources(settings) as resources:
        await resources.db.migrate(migrations_of("wallet"))
        service = await build(resources)
        captured.append(service.servicers[0].app)
        running = await start(service, settings, token_verifier(settings))
        bridge.target = f"127.0.0.1:{running.port}"
        channel = grpc.aio.insecure_channel(bridge.target)
        try:
            served = SimpleNamespace(channel=channel)
            yield WalletStack(stack.users, served, captured[0], bridge, None, settings)
        finally:
            await channel.close()
            await running.stop()
            await bridge.stop()


async def test_save_send_withdraw_on_sqlite(stack, embedded):
    shape = embedded
    alice, bob = await stack.member(), await stack.member()
    started = (
        await shape.stub.CreateDeposit(
            pb.CreateDepositRequest(
                parent="wallets/me",
                deposit=wallet_pb2.Deposit(amount=kes(1_000)),
                request_id=request_id(),
            ),
            metadata=alice.metadata,
        )
    ).deposit
    done = await settled_deposit(shape, alice, started.name)
    assert done.state == wallet_pb2.DEPOSIT_STATE_COMPLETED
    await transfer(shape, alice, bob.phone, 1_000)
    assert (await wallet(shape, bob)).balance_sats == 1_000

    # The gateway is down: the callback is lost, the STK Push Query completes the deposit.
    live, shape.bridge.target = shape.bridge.target, "127.0.0.1:9"
    lost = (
        await shape.stub.CreateDeposit(
            pb.CreateDepositRequest(
                parent="wallets/me",
                deposit=wallet_pb2.Deposit(amount=kes(100)),
                request_id=request_id(),
            ),
            metadata=alice.metadata,
        )
    ).deposit
    done_lost = await settled_deposit(shape, alice, lost.name)
    assert done_lost.state == wallet_pb2.DEPOSIT_STATE_COMPLETED
    shape.bridge.target = live

    withdrawal = (
        await shape.stub.CreateWithdrawal(
            pb.CreateWithdrawalRequest(
                parent="wallets/me",
                withdrawal=wallet_pb2.Withdrawal(fiat_amount=kes(50)),
                request_id=request_id(),
            ),
            metadata=alice.metadata,
        )
    ).withdrawal

    async def paid():
        found = (
            await shape.stub.GetWithdrawal(
                pb.GetWithdrawalRequest(name=withdrawal.name), metadata=alice.metadata
            )
        ).withdrawal
        return found if found.state == wallet_pb2.WITHDRAWAL_STATE_COMPLETED else None

    await shape.settle(paid)
    mine = await wallet(shape, alice)
    assert mine.pending_out_sats == 0
    assert (
        mine.balance_sats
        == done.amount_sats + done_lost.amount_sats - 1_000 - (await paid()).amount_sats
    )
    async with shape.app.store.read() as conn:
        assert await ledger_problems(conn) == []

"""P2P transfers through the wallet's gRPC contract, with the real users service."""

from __future__ import annotations

import asyncio

import grpc
from bitsacco.common.v1 import common_pb2
from bitsacco.wallet.v1 import wallet_pb2
from bitsacco.wallet.v1 import wallet_service_pb2 as pb

from tests.integration.users.serving import fresh_phone
from tests.integration.wallet.actions import fund, refused, transfer, wallet
from tests.integration.wallet.serving import request_id

INVALID = grpc.StatusCode.INVALID_ARGUMENT
FAILED = grpc.StatusCode.FAILED_PRECONDITION


def local_form(e164: str) -> str:
    """+254712345678 → "0712 345 678", as a member would type it."""
    digits = "0" + e164[4:]
    return f"{digits[:4]} {digits[4:7]} {digits[7:]}"


async def test_transfer_by_phone_moves_sats_and_shows_on_both_statements(stack):
    alice, bob = await stack.member(), await stack.member()
    funded = await fund(stack, alice, 1_000)
    sent = await transfer(stack, alice, local_form(bob.phone), 5_000, note="Lunch")
    assert sent.recipient_phone_number == bob.phone
    assert sent.amount_sats == 5_000
    assert sent.rate.currency_code == "KES" and sent.rate.minor_units_per_btc == 1_300_000_000
    assert sent.fiat_amount.minor_units == 5_000 * 1_300_000_000 // 100_000_000
    assert (await wallet(stack, alice)).balance_sats == funded - 5_000
    assert (await wallet(stack, bob)).balance_sats == 5_000

    got = await stack.stub.GetTransfer(
        pb.GetTransferRequest(name=sent.name), metadata=alice.metadata
    )
    assert got.transfer == sent
    listed = await stack.stub.ListTransfers(
        pb.ListTransfersRequest(parent="wallets/me"), metadata=alice.metadata
    )
    assert [t.name for t in listed.transfers] == [sent.name]

    lines = (
        await stack.stub.ListTransactions(
            pb.ListTransactionsRequest(parent="wallets/me"), metadata=bob.metadata
        )
    ).transactions
    assert [(t.type, t.amount_sats, t.balance_sats) for t in lines] == [
        (wallet_pb2.TRANSACTION_TYPE_TRANSFER_IN, 5_000, 5_000)
    ]
    assert lines[0].counterparty.phone_number == alice.phone
    assert lines[0].memo == "Lunch"
    mine = (
        await stack.stub.ListTransactions(
            pb.ListTransactionsRequest(parent="wallets/me"), metadata=alice.metadata
        )
    ).transactions
    assert [(t.type, t.amount_sats, t.balance_sats) for t in mine] == [
        (wallet_pb2.TRANSACTION_TYPE_TRANSFER_OUT, -5_000, funded - 5_000),
        (wallet_pb2.TRANSACTION_TYPE_DEPOSIT, funded, funded),
    ]
    assert mine[0].name == sent.transaction
    assert mine[0].fiat_value.minor_units == -sent.fiat_amount.minor_units


async def test_statement_pages_and_filters(stack):
    alice, bob = await stack.member(), await stack.member()
    await fund(stack, alice, 1_000)
    for amount in (100, 200, 300):
        await transfer(stack, alice, bob.phone, amount)
    first = await stack.stub.ListTransactions(
        pb.ListTransactionsRequest(parent="wallets/me", page_size=2), metadata=alice.metadata
    )
    assert [t.amount_sats for t in first.transactions] == [-300, -200]
    second = await stack.stub.ListTransactions(
        pb.ListTransactionsRequest(
            parent="wallets/me", page_size=2, page_token=first.next_page_token
        ),
        metadata=alice.metadata,
    )
    assert second.transactions[0].amount_sats == -100
    assert second.next_page_token == ""
    only_out = await stack.stub.ListTransactions(
        pb.ListTransactionsRequest(
            parent="wallets/me", types=[wallet_pb2.TRANSACTION_TYPE_DEPOSIT]
        ),
        metadata=alice.metadata,
    )
    assert [t.type for t in only_out.transactions] == [wallet_pb2.TRANSACTION_TYPE_DEPOSIT]
    await refused(
        stack.stub.ListTransactions(
            pb.ListTransactionsRequest(
                parent="wallets/me",
                types=[wallet_pb2.TRANSACTION_TYPE_FEE],
                page_token=first.next_page_token,
            ),
            metadata=alice.metadata,
        ),
        INVALID,
        "INVALID_PAGE_TOKEN",
    )


async def test_bad_recipients_and_amounts_are_invalid_argument_with_bad_request(stack):
    alice = await stack.member()
    await fund(stack, alice, 100)
    cases = [
        (alice.phone, 10, "SELF_TRANSFER"),
        (local_form(alice.phone), 10, "SELF_TRANSFER"),
        (fresh_phone(), 10, "RECIPIENT_NOT_FOUND"),
        ("0999 999 999", 10, "INVALID_PHONE_NUMBER"),
    ]
    for phone, sats, reason in cases:
        details = await refused(transfer(stack, alice, phone, sats), INVALID, reason)
        assert details["BadRequest"].field_violations[0].field == "transfer.recipient_phone_number"
    bob = await stack.member()
    for sats in (-5, 2_100_000_000_000_001):
        details = await refused(
            transfer(stack, alice, bob.phone, sats), INVALID, "INVALID_ARGUMENT"
        )
        assert details["BadRequest"].field_violations[0].field == "transfer.amount_sats"
    tiny = pb.CreateTransferRequest(
        parent="wallets/me",
        transfer=wallet_pb2.Transfer(
            recipient_phone_number=bob.phone,
            fiat_amount=common_pb2.Money(currency_code="KES", minor_units=1),
        ),
        request_id=request_id(),
    )
    details = await refused(
        stack.stub.CreateTransfer(tiny, metadata=alice.metadata), INVALID, "AMOUNT_TOO_SMALL"
    )
    assert details["BadRequest"].field_violations[0].field == "transfer.fiat_amount"
    zero = pb.CreateTransferRequest(
        parent="wallets/me",
        transfer=wallet_pb2.Transfer(recipient_phone_number=bob.phone),
        request_id=request_id(),
    )
    await refused(
        stack.stub.CreateTransfer(zero, metadata=alice.metadata), INVALID, "INVALID_ARGUMENT"
    )
    assert (await wallet(stack, bob)).balance_sats == 0


async def test_fiat_amount_converts_at_mid_rounded_down(stack):
    alice, bob = await stack.member(), await stack.member()
    await fund(stack, alice, 1_000)
    answer = await stack.stub.CreateTransfer(
        pb.CreateTransferRequest(
            parent="wallets/me",
            transfer=wallet_pb2.Transfer(
                recipient_phone_number=bob.phone,
                fiat_amount=common_pb2.Money(currency_code="KES", minor_units=1_000),
            ),
            request_id=request_id(),
        ),
        metadata=alice.metadata,
    )
    # KES 10.00 at KES 13,000,000.00 per BTC is 76.92 sats: 76 (the recipient's side rounds down).
    assert answer.transfer.amount_sats == 76
    assert answer.transfer.fiat_amount.minor_units == 1_000


async def test_insufficient_funds_is_recorded_against_the_request_id(stack):
    alice, bob = await stack.member(), await stack.member()
    funded = await fund(stack, alice, 100)
    key = request_id()
    details = await refused(
        transfer(stack, alice, bob.phone, funded + 1, key=key), FAILED, "INSUFFICIENT_FUNDS"
    )
    assert details["PreconditionFailure"].violations[0].subject == "available_sats"
    await fund(stack, alice, 100)
    await refused(
        transfer(stack, alice, bob.phone, funded + 1, key=key), FAILED, "INSUFFICIENT_FUNDS"
    )
    assert (await wallet(stack, bob)).balance_sats == 0


async def test_idempotency_retry_reuse_concurrency_and_scope(stack):
    alice, bob, carol = await stack.member(), await stack.member(), await stack.member()
    await fund(stack, alice, 1_000)
    await fund(stack, carol, 1_000)
    key = request_id()
    first = await transfer(stack, alice, bob.phone, 1_000, key=key)
    again = await transfer(stack, alice, local_form(bob.phone), 1_000, key=key)
    assert again == first
    await refused(
        transfer(stack, alice, bob.phone, 1_001, key=key), FAILED, "IDEMPOTENCY_KEY_REUSED"
    )
    # Another member's identical key is theirs alone.
    theirs = await transfer(stack, carol, bob.phone, 1_000, key=key)
    assert theirs.name != first.name
    # Ten identical requests at once: one transfer.
    burst_key = request_id()
    results = await asyncio.gather(
        *(transfer(stack, alice, bob.phone, 500, key=burst_key) for _ in range(10))
    )
    assert len({r.name for r in results}) == 1
    assert (await wallet(stack, bob)).balance_sats == 2_500


async def test_two_spends_that_overdraw_exactly_one_succeeds(stack):
    alice, bob, carol = await stack.member(), await stack.member(), await stack.member()
    funded = await fund(stack, alice, 100)
    share = funded // 2 + 1
    outcomes = await asyncio.gather(
        transfer(stack, alice, bob.phone, share),
        transfer(stack, alice, carol.phone, share),
        return_exceptions=True,
    )
    succeeded = [o for o in outcomes if isinstance(o, wallet_pb2.Transfer)]
    failed = [o for o in outcomes if isinstance(o, grpc.aio.AioRpcError)]
    assert len(succeeded) == 1 and len(failed) == 1
    assert failed[0].code() == FAILED
    assert (await wallet(stack, alice)).balance_sats == funded - share


async def test_daily_transfer_limit_of_the_tier(stack):
    alice, bob = await stack.member(), await stack.member()  # tier 1: USD 25 a day
    await fund(stack, alice, 10_000)
    await transfer(stack, alice, bob.phone, 20_000)  # USD 20.00 at USD 100,000 per BTC
    details = await refused(
        transfer(stack, alice, bob.phone, 6_000),
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "LIMIT_EXCEEDED",
    )
    metadata = details["ErrorInfo"].metadata
    assert metadata["operation"] == "transfer"
    assert metadata["remaining_usd_minor"] == "500"
    assert metadata["reset_time"].endswith("Z")
    await transfer(stack, alice, bob.phone, 5_000)
    usage = (
        await stack.stub.GetLimitUsage(
            pb.GetLimitUsageRequest(name="wallets/me/limitUsage"), metadata=alice.metadata
        )
    ).limit_usage
    assert (usage.transfer.limit.minor_units, usage.transfer.used.minor_units) == (2_500, 2_500)
    assert usage.transfer.remaining.minor_units == 0
    assert usage.step_up_threshold.minor_units == 10_000


async def test_step_up_above_usd_100(stack):
    alice, bob = await stack.member(tier=2), await stack.member()
    await fund(stack, alice, 10_000)
    await fund(stack, alice, 10_000)
    key = request_id()
    details = await refused(
        transfer(stack, alice, bob.phone, 150_000, key=key), FAILED, "STEP_UP_REQUIRED"
    )
    metadata = details["ErrorInfo"].metadata
    assert metadata["action"] == "STEP_UP_ACTION_TRANSFER"
    assert metadata["currency_code"] == "KES"
    shown = int(metadata["minor_units"])
    assert shown == 150_000 * 1_300_000_000 // 100_000_000
    # Grants for another request, another action or a smaller amount do not do.
    for grant in (
        stack.grant(alice, request_id(), "STEP_UP_ACTION_TRANSFER", "KES", shown),
        stack.grant(alice, key, "STEP_UP_ACTION_WITHDRAWAL", "KES", shown),
        stack.grant(alice, key, "STEP_UP_ACTION_TRANSFER", "KES", shown // 2),
        stack.grant(bob, key, "STEP_UP_ACTION_TRANSFER", "KES", shown),
    ):
        await refused(
            transfer(stack, alice, bob.phone, 150_000, key=key, step_up_token=grant),
            grpc.StatusCode.PERMISSION_DENIED,
            "STEP_UP_INVALID",
        )
    grant = stack.grant(alice, key, "STEP_UP_ACTION_TRANSFER", "KES", shown)
    done = await transfer(stack, alice, bob.phone, 150_000, key=key, step_up_token=grant)
    assert done.amount_sats == 150_000
    # The retry of a completed transfer replays without a grant.
    assert await transfer(stack, alice, bob.phone, 150_000, key=key) == done
    assert (await wallet(stack, bob)).balance_sats == 150_000


async def test_other_wallets_are_denied_whether_they_exist_or_not(stack):
    alice, bob = await stack.member(), await stack.member()
    bobs = await wallet(stack, bob)
    for name in (bobs.name, "wallets/does-not-exist"):
        await refused(
            stack.stub.GetWallet(pb.GetWalletRequest(name=name), metadata=alice.metadata),
            grpc.StatusCode.PERMISSION_DENIED,
            "WALLET_ACCESS_DENIED",
        )
    mine = await wallet(stack, alice)
    again = await stack.stub.GetWallet(pb.GetWalletRequest(name=mine.name), metadata=alice.metadata)
    assert again.wallet.name == mine.name
    await refused(
        stack.stub.GetTransfer(
            pb.GetTransferRequest(name=f"{mine.name}/transfers/nothing"), metadata=alice.metadata
        ),
        grpc.StatusCode.NOT_FOUND,
        "TRANSFER_NOT_FOUND",
    )

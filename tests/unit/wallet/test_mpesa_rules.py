"""Daraja values and callbacks, with the published samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.wallet.rules import mpesa
from tests.conftest import SHARED

VECTORS = json.loads((SHARED / "vectors" / "webhooks.json").read_text())


def body(name: str) -> bytes:
    return json.dumps(VECTORS[name]).encode()


def test_password_and_timestamp_in_nairobi():
    moment = datetime(2024, 2, 16, 13, 56, 27, tzinfo=UTC)  # 16:56:27 in Nairobi
    assert mpesa.daraja_timestamp(moment) == "20240216165627"
    assert mpesa.stk_password("174379", "passkey", "20240216165627") == (
        "MTc0Mzc5cGFzc2tleTIwMjQwMjE2MTY1NjI3"
    )


def test_the_published_success_callback_parses():
    cb = mpesa.parse_stk_callback(body("daraja_stk_callback_success"))
    assert cb.checkout_request_id == "ws_CO_191220191020363925"
    assert (cb.result_code, cb.amount_kes, cb.receipt, cb.phone) == (
        0,
        1,
        "NLJ7RT61SV",
        "254708374149",
    )
    assert mpesa.judge_stk_callback(cb, 1, "+254708374149").outcome == "paid"
    assert mpesa.judge_stk_callback(cb, 2, "+254708374149").outcome == "mismatch"
    assert mpesa.judge_stk_callback(cb, 1, "+254708374148").outcome == "mismatch"


def test_the_published_cancellation_parses_and_fails():
    cb = mpesa.parse_stk_callback(body("daraja_stk_callback_cancelled"))
    verdict = mpesa.judge_stk_callback(cb, 1, "+254708374149")
    assert (verdict.outcome, verdict.failure_reason) == ("failed", "CANCELLED_BY_USER")


@pytest.mark.parametrize(
    "code,reason",
    [
        (1032, "CANCELLED_BY_USER"),
        (1037, "UNREACHABLE"),
        (1, "INSUFFICIENT_FUNDS"),
        (2001, "WRONG_PIN"),
        (1001, "SUBSCRIBER_BUSY"),
        (1019, "EXPIRED"),
        (17, "UNKNOWN"),
    ],
)
def test_result_codes_map_to_reasons_with_messages(code, reason):
    assert mpesa.deposit_failure_reason(code) == reason
    english, swahili = mpesa.DEPOSIT_MESSAGES[reason]
    assert english and swahili


def test_still_processing_query_keeps_pending():
    verdict = mpesa.judge_stk_query(VECTORS["daraja_stk_query_still_processing"])
    assert verdict.outcome == "pending"
    assert mpesa.judge_stk_query({"ResultCode": "0"}).outcome == "paid"
    assert mpesa.judge_stk_query({"ResultCode": "1032"}).failure_reason == "CANCELLED_BY_USER"


@pytest.mark.parametrize("raw", [b"", b"[]", b"{}", b'{"Body":{"stkCallback":{}}}', b"\xff"])
def test_malformed_callbacks_are_refused(raw):
    with pytest.raises(mpesa.MalformedCallback):
        mpesa.parse_stk_callback(raw)


def test_b2c_and_status_results():
    paid = mpesa.parse_result(
        json.dumps(
            {
                "Result": {
                    "ResultType": 0,
                    "ResultCode": 0,
                    "ResultDesc": "ok",
                    "OriginatorConversationID": "o-1",
                    "ConversationID": "AG_1",
                    "TransactionID": "NLJ41HAY6Q",
                    "ResultParameters": {
                        "ResultParameter": [
                            {"Key": "TransactionAmount", "Value": 10},
                            {"Key": "TransactionReceipt", "Value": "NLJ41HAY6Q"},
                            {"Key": "ReceiverPartyPublicName", "Value": "254708374149 - John Doe"},
                        ]
                    },
                }
            }
        ).encode()
    )
    verdict = mpesa.judge_b2c_result(paid, 10)
    assert (verdict.outcome, verdict.receipt) == ("paid", "NLJ41HAY6Q")
    assert mpesa.judge_b2c_result(paid, 11).outcome == "unknown"
    failed = mpesa.parse_result(b'{"Result":{"ResultCode":2040,"OriginatorConversationID":"o"}}')
    assert mpesa.judge_b2c_result(failed, 10).failure_reason == "RECIPIENT_NOT_ELIGIBLE"
    status = mpesa.parse_result(
        json.dumps(
            {
                "Result": {
                    "ResultCode": 0,
                    "OriginatorConversationID": "q-1",
                    "ConversationID": "AG_2",
                    "ResultParameters": {
                        "ResultParameter": [
                            {"Key": "TransactionStatus", "Value": "Completed"},
                            {"Key": "ReceiptNo", "Value": "R1"},
                        ]
                    },
                }
            }
        ).encode()
    )
    assert mpesa.judge_status_result(status).outcome == "paid"
    missing = mpesa.parse_result(b'{"Result":{"ResultCode":2032,"OriginatorConversationID":"q"}}')
    assert mpesa.judge_status_result(missing).outcome == "unknown"

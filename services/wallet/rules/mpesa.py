"""Safaricom Daraja: request signing values, result codes and callback parsing (no I/O)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from services.wallet.rules.limits import NAIROBI

# Deposit (STK push) result codes → DepositFailureReason names.
DEPOSIT_FAILURES = {
    1032: "CANCELLED_BY_USER",
    1037: "UNREACHABLE",
    1: "INSUFFICIENT_FUNDS",
    2001: "WRONG_PIN",
    1001: "SUBSCRIBER_BUSY",
    1019: "EXPIRED",
}

# What the user is told, by failure reason (English, Swahili).
DEPOSIT_MESSAGES = {
    "CANCELLED_BY_USER": (
        "You cancelled the M-Pesa request. Nothing was charged.",
        "Ulighairi ombi la M-Pesa. Hakuna pesa iliyotozwa.",
    ),
    "UNREACHABLE": (
        "We could not reach your phone. Make sure it is on and has network, then try again.",
        "Hatukuweza kufikia simu yako. Hakikisha imewashwa na ina mtandao, kisha ujaribu tena.",
    ),
    "INSUFFICIENT_FUNDS": (
        "Your M-Pesa balance was too low for this payment. Nothing was charged.",
        "Salio lako la M-Pesa halitoshi kwa malipo haya. Hakuna pesa iliyotozwa.",
    ),
    "WRONG_PIN": (
        "The M-Pesa PIN was wrong. Nothing was charged; please try again.",
        "PIN ya M-Pesa haikuwa sahihi. Hakuna pesa iliyotozwa; tafadhali jaribu tena.",
    ),
    "SUBSCRIBER_BUSY": (
        "Another M-Pesa payment was in progress on your phone. Please try again in a minute.",
        "Kulikuwa na malipo mengine ya M-Pesa kwenye simu yako. "
        "Tafadhali jaribu tena baada ya dakika.",
    ),
    "REJECTED": (
        "M-Pesa refused the payment request. Check the number and try again.",
        "M-Pesa ilikataa ombi la malipo. Hakikisha nambari ni sahihi na ujaribu tena.",
    ),
    "EXPIRED": (
        "The M-Pesa request timed out before it was paid. Nothing was charged.",
        "Ombi la M-Pesa liliisha muda kabla ya kulipwa. Hakuna pesa iliyotozwa.",
    ),
    "MISMATCH": (
        "We could not confirm this payment with M-Pesa, so nothing was credited. "
        "If money left your M-Pesa, contact support with the M-Pesa message.",
        "Hatukuweza kuthibitisha malipo haya na M-Pesa, kwa hivyo hakuna kilichowekwa. "
        "Ikiwa pesa ilitoka kwenye M-Pesa yako, wasiliana na huduma kwa wateja.",
    ),
    "UNKNOWN": (
        "M-Pesa could not complete the payment. Nothing was charged; please try again.",
        "M-Pesa haikuweza kukamilisha malipo. Hakuna pesa iliyotozwa; tafadhali jaribu tena.",
    ),
}

# B2C result codes → WithdrawalFailureReason names (any other non-zero code: UNKNOWN).
WITHDRAWAL_FAILURES = {
    2040: "RECIPIENT_NOT_ELIGIBLE",
    8: "RECIPIENT_LIMIT",
    1: "PROVIDER_UNAVAILABLE",
}

WITHDRAWAL_MESSAGES = {
    "RECIPIENT_NOT_ELIGIBLE": (
        "That number cannot receive M-Pesa payments. Your sats are back in your wallet.",
        "Nambari hiyo haiwezi kupokea malipo ya M-Pesa. Sats zako zimerudi kwenye pochi yako.",
    ),
    "RECIPIENT_LIMIT": (
        "The payment would exceed a limit on the M-Pesa account. "
        "Your sats are back in your wallet.",
        "Malipo yangezidi kikomo cha akaunti ya M-Pesa. Sats zako zimerudi kwenye pochi yako.",
    ),
    "PROVIDER_UNAVAILABLE": (
        "M-Pesa could not pay right now. Your sats are back in your wallet; try again later.",
        "M-Pesa haikuweza kulipa sasa hivi. Sats zako zimerudi kwenye pochi yako; jaribu baadaye.",
    ),
    "REJECTED": (
        "M-Pesa refused the payout. Your sats are back in your wallet.",
        "M-Pesa ilikataa malipo. Sats zako zimerudi kwenye pochi yako.",
    ),
    "UNKNOWN": (
        "M-Pesa could not complete the payout. Your sats are back in your wallet.",
        "M-Pesa haikuweza kukamilisha malipo. Sats zako zimerudi kwenye pochi yako.",
    ),
}

# Daraja's STK Push Query error code for "The transaction is being processed".
STILL_PROCESSING_CODES = frozenset({"500.001.1001"})
# Transaction Status outcomes that mean the payment definitely did not happen.
DEFINITE_FAILED_STATUSES = frozenset({"failed", "declined", "cancelled", "canceled", "reversed"})


class MalformedCallback(ValueError):
    """The body is not a Daraja callback of the expected kind."""


def deposit_failure_reason(result_code: int) -> str:
    return DEPOSIT_FAILURES.get(result_code, "UNKNOWN")


def withdrawal_failure_reason(result_code: int) -> str:
    return WITHDRAWAL_FAILURES.get(result_code, "UNKNOWN")


def daraja_timestamp(now: datetime) -> str:
    """YYYYMMDDHHmmss in Africa/Nairobi, as Daraja wants it."""
    return now.astimezone(NAIROBI).strftime("%Y%m%d%H%M%S")


def stk_password(shortcode: str, passkey: str, timestamp: str) -> str:
    """base64(Shortcode + Passkey + Timestamp)."""
    return base64.b64encode(f"{shortcode}{passkey}{timestamp}".encode()).decode()


def msisdn(e164: str) -> str:
    """Daraja's phone form: 2547XXXXXXXX (E.164 without the plus)."""
    return e164.removeprefix("+")


def as_integer(value: object) -> int | None:
    """Daraja sends amounts as 1, 1.0, "1" or "1.00"; None when not a whole number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if number != number.to_integral_value():
        return None
    return int(number)


def _json(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedCallback("not JSON") from exc
    if not isinstance(data, dict):
        raise MalformedCallback("not a JSON object")
    return data


@dataclass(frozen=True)
class StkCallback:
    merchant_request_id: str
    checkout_request_id: str
    result_code: int
    result_description: str
    amount_kes: int | None  # whole shillings as M-Pesa reports them
    receipt: str | None
    phone: str | None  # 2547XXXXXXXX as reported
    transaction_date: str | None


def parse_stk_callback(body: bytes) -> StkCallback:
    data = _json(body)
    try:
        callback = data["Body"]["stkCallback"]
        checkout = str(callback["CheckoutRequestID"])
        result_code = as_integer(callback["ResultCode"])
    except (KeyError, TypeError) as exc:
        raise MalformedCallback("not an stkCallback") from exc
    if result_code is None or not checkout:
        raise MalformedCallback("ResultCode or CheckoutRequestID missing")
    items = {}
    metadata = callback.get("CallbackMetadata") or {}
    for item in metadata.get("Item", []) if isinstance(metadata, dict) else []:
        if isinstance(item, dict) and "Name" in item:
            items[item["Name"]] = item.get("Value")
    phone = items.get("PhoneNumber")
    return StkCallback(
        merchant_request_id=str(callback.get("MerchantRequestID", "")),
        checkout_request_id=checkout,
        result_code=result_code,
        result_description=str(callback.get("ResultDesc", "")),
        amount_kes=as_integer(items.get("Amount")),
        receipt=str(items["MpesaReceiptNumber"]) if items.get("MpesaReceiptNumber") else None,
        phone=str(as_integer(phone)) if as_integer(phone) is not None else None,
        transaction_date=str(items["TransactionDate"]) if items.get("TransactionDate") else None,
    )


@dataclass(frozen=True)
class Result:
    """A `{"Result": {...}}` callback: B2C result/timeout, Transaction Status result/timeout."""

    result_type: int | None
    result_code: int | None
    result_description: str
    originator_conversation_id: str
    conversation_id: str
    transaction_id: str
    parameters: dict[str, object]

    def parameter(self, key: str) -> object:
        return self.parameters.get(key)


def parse_result(body: bytes) -> Result:
    data = _json(body)
    result = data.get("Result")
    if not isinstance(result, dict):
        raise MalformedCallback("not a Result callback")
    parameters: dict[str, object] = {}
    block = result.get("ResultParameters") or {}
    listed = block.get("ResultParameter", []) if isinstance(block, dict) else []
    if isinstance(listed, dict):
        listed = [listed]
    for item in listed:
        if isinstance(item, dict) and "Key" in item:
            parameters[str(item["Key"])] = item.get("Value")
    ocid = str(result.get("OriginatorConversationID") or "")
    cid = str(result.get("ConversationID") or "")
    if not ocid and not cid:
        raise MalformedCallback("no conversation id")
    return Result(
        result_type=as_integer(result.get("ResultType")),
        result_code=as_integer(result.get("ResultCode")),
        result_description=str(result.get("ResultDesc", "")),
        originator_conversation_id=ocid,
        conversation_id=cid,
        transaction_id=str(result.get("TransactionID") or ""),
        parameters=parameters,
    )


@dataclass(frozen=True)
class DepositCheck:
    """What a callback or query says about a deposit we asked for."""

    outcome: str  # "paid", "failed", "mismatch", "pending"
    failure_reason: str | None = None


def judge_stk_callback(cb: StkCallback, amount_kes: int, phone_e164: str) -> DepositCheck:
    """ResultCode 0 with our amount and phone is paid; 0 with anything else needs the query."""
    if cb.result_code != 0:
        return DepositCheck("failed", deposit_failure_reason(cb.result_code))
    if cb.amount_kes != amount_kes or cb.phone != msisdn(phone_e164) or not cb.receipt:
        return DepositCheck("mismatch")
    return DepositCheck("paid")


def judge_stk_query(response: dict) -> DepositCheck:
    """The STK Push Query answer: ResultCode "0" paid, still-processing pending, else failed."""
    if str(response.get("errorCode", "")) in STILL_PROCESSING_CODES:
        return DepositCheck("pending")
    code = as_integer(response.get("ResultCode"))
    if code is None:
        return DepositCheck("pending")
    if code == 0:
        return DepositCheck("paid")
    return DepositCheck("failed", deposit_failure_reason(code))


@dataclass(frozen=True)
class PayoutCheck:
    outcome: str  # "paid", "failed", "unknown"
    failure_reason: str | None = None
    receipt: str = ""
    recipient_name: str = ""


def judge_b2c_result(result: Result, amount_kes: int) -> PayoutCheck:
    """ResultCode 0 is paid (with the receipt); any other code is a definite failure."""
    if result.result_code is None:
        return PayoutCheck("unknown")
    if result.result_code == 0:
        paid = as_integer(result.parameter("TransactionAmount"))
        if paid is not None and paid != amount_kes:
            return PayoutCheck("unknown")  # not what we sent: resolve with a status query
        receipt = str(result.parameter("TransactionReceipt") or result.transaction_id or "")
        name = str(result.parameter("ReceiverPartyPublicName") or "")
        return PayoutCheck("paid", receipt=receipt, recipient_name=name)
    return PayoutCheck("failed", withdrawal_failure_reason(result.result_code))


def judge_status_result(result: Result) -> PayoutCheck:
    """A Transaction Status result: Completed is paid; a definite failed status is failed;
    anything else (not found yet, an error of the query itself) leaves the outcome unknown."""
    if result.result_code != 0:
        return PayoutCheck("unknown")
    status = str(result.parameter("TransactionStatus") or "").strip().lower()
    if status == "completed":
        receipt = str(result.parameter("ReceiptNo") or result.transaction_id or "")
        name = str(result.parameter("CreditPartyName") or "")
        return PayoutCheck("paid", receipt=receipt, recipient_name=name)
    if status in DEFINITE_FAILED_STATUSES:
        return PayoutCheck("failed", "UNKNOWN")
    return PayoutCheck("unknown")

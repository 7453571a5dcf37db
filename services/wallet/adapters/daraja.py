"""Safaricom Daraja over HTTP (httpx): OAuth, STK push and its query, B2C, Transaction Status.

The same client talks to Safaricom (https://api.safaricom.co.ke, or the sandbox) and to the local
fake in fake_daraja.py; only the base URL differs.

Every failure is classified by what it means for the money:
- `DarajaUnreachable`: the request was certainly not accepted (no connection, no OAuth token);
  nothing happened at Safaricom, so it is safe to try again later.
- `DarajaRefused`: Daraja answered and refused the request (4xx with an errorCode, or a non-zero
  ResponseCode); nothing will happen.
- `DarajaAmbiguous`: the request may have been accepted (a timeout after sending, a 5xx, an
  unreadable answer); the outcome must be found out (callback, query), never assumed.
"""

from __future__ import annotations

import asyncio
import base64
import time
from dataclasses import dataclass
from datetime import datetime

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from services.wallet.rules.mpesa import daraja_timestamp, msisdn, stk_password


class DarajaError(Exception):
    def __init__(self, message: str, code: str = "", body: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.body = body or {}


class DarajaUnreachable(DarajaError):
    pass


class DarajaRefused(DarajaError):
    pass


class DarajaAmbiguous(DarajaError):
    pass


@dataclass(frozen=True)
class DarajaCredentials:
    consumer_key: str
    consumer_secret: str
    shortcode: str  # Lipa na M-Pesa Online (STK) business shortcode
    passkey: str
    b2c_shortcode: str
    initiator_name: str
    security_credential: str  # base64 RSA-encrypted initiator password


def encrypt_initiator_password(password: str, certificate_pem: bytes) -> str:
    """Daraja's SecurityCredential: the initiator password encrypted with the RSA public key of
    Safaricom's certificate (PKCS#1 v1.5 padding), base64-encoded. Raises ValueError for a file
    that is not a PEM certificate with an RSA key."""
    key = x509.load_pem_x509_certificate(certificate_pem).public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("the certificate's key is not an RSA key")
    return base64.b64encode(key.encrypt(password.encode(), padding.PKCS1v15())).decode()


@dataclass(frozen=True)
class StkPushAccepted:
    merchant_request_id: str
    checkout_request_id: str
    description: str


@dataclass(frozen=True)
class Accepted:
    """A B2C or Transaction Status request Daraja accepted for processing."""

    conversation_id: str
    originator_conversation_id: str
    description: str


class DarajaClient:
    def __init__(
        self,
        base_url: str,
        credentials: DarajaCredentials,
        timeout_seconds: float = 10.0,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._base = base_url.rstrip("/")
        self._creds = credentials
        self._http = http or httpx.AsyncClient(timeout=timeout_seconds)
        self._token = ""
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()

    async def close(self) -> None:
        await self._http.aclose()

    async def _access_token(self) -> str:
        """OAuth client credentials, cached until a minute before Daraja says it expires."""
        if self._token and time.monotonic() < self._token_expires:
            return self._token
        async with self._token_lock:
            if self._token and time.monotonic() < self._token_expires:
                return self._token
            basic = base64.b64encode(
                f"{self._creds.consumer_key}:{self._creds.consumer_secret}".encode()
            ).decode()
            try:
                response = await self._http.get(
                    f"{self._base}/oauth/v1/generate",
                    params={"grant_type": "client_credentials"},
                    headers={"Authorization": f"Basic {basic}"},
                )
                response.raise_for_status()
                body = response.json()
                token, expires_in = str(body["access_token"]), int(body["expires_in"])
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                # Without a token no money request was sent.
                raise DarajaUnreachable(f"OAuth failed: {exc}") from exc
            self._token = token
            self._token_expires = time.monotonic() + max(expires_in - 60, 30)
            return token

    async def _post(self, path: str, payload: dict) -> dict:
        token = await self._access_token()
        try:
            response = await self._http.post(
                f"{self._base}{path}",
                json=payload,
                headers={"Authorization": f"Bearer {token}"},
            )
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise DarajaUnreachable(f"{path}: {exc}") from exc
        except httpx.HTTPError as exc:  # sent, but no usable answer
            raise DarajaAmbiguous(f"{path}: {exc!r}") from exc
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code == 401:
            self._token = ""  # expired early: nothing was processed
            raise DarajaUnreachable(f"{path}: 401 unauthorised")
        if response.status_code >= 500 or not isinstance(body, dict):
            raise DarajaAmbiguous(
                f"{path}: HTTP {response.status_code}",
                code=str((body or {}).get("errorCode", "")) if isinstance(body, dict) else "",
                body=body if isinstance(body, dict) else None,
            )
        if response.status_code >= 400:
            raise DarajaRefused(
                str(body.get("errorMessage", f"HTTP {response.status_code}")),
                code=str(body.get("errorCode", response.status_code)),
                body=body,
            )
        return body

    async def stk_push(
        self,
        amount_kes: int,
        phone_e164: str,
        callback_url: str,
        account_reference: str,
        description: str,
        now: datetime,
    ) -> StkPushAccepted:
        timestamp = daraja_timestamp(now)
        body = await self._post(
            "/mpesa/stkpush/v1/processrequest",
            {
                "BusinessShortCode": self._creds.shortcode,
                "Password": stk_password(self._creds.shortcode, self._creds.passkey, timestamp),
                "Timestamp": timestamp,
                "TransactionType": "CustomerPayBillOnline",
                "Amount": str(amount_kes),
                "PartyA": msisdn(phone_e164),
                "PartyB": self._creds.shortcode,
                "PhoneNumber": msisdn(phone_e164),
                "CallBackURL": callback_url,
                "AccountReference": account_reference[:12],
                "TransactionDesc": description[:13],
            },
        )
        if str(body.get("ResponseCode")) != "0" or not body.get("CheckoutRequestID"):
            raise DarajaRefused(
                str(body.get("ResponseDescription", "STK push refused")),
                code=str(body.get("ResponseCode", "")),
                body=body,
            )
        return StkPushAccepted(
            str(body.get("MerchantRequestID", "")),
            str(body["CheckoutRequestID"]),
            str(body.get("ResponseDescription", "")),
        )

    async def stk_query(self, checkout_request_id: str, now: datetime) -> dict:
        """Daraja's answer about an STK push, as JSON (see rules.mpesa.judge_stk_query). A
        "still processing" answer comes back as an HTTP 500 with errorCode 500.001.1001, which
        is returned here as a normal answer."""
        timestamp = daraja_timestamp(now)
        payload = {
            "BusinessShortCode": self._creds.shortcode,
            "Password": stk_password(self._creds.shortcode, self._creds.passkey, timestamp),
            "Timestamp": timestamp,
            "CheckoutRequestID": checkout_request_id,
        }
        try:
            return await self._post("/mpesa/stkpushquery/v1/query", payload)
        except (DarajaAmbiguous, DarajaRefused) as exc:
            if exc.body.get("errorCode"):
                return exc.body
            raise

    async def b2c(
        self,
        originator_conversation_id: str,
        amount_kes: int,
        phone_e164: str,
        result_url: str,
        timeout_url: str,
        remarks: str,
        occasion: str = "",
    ) -> Accepted:
        body = await self._post(
            "/mpesa/b2c/v3/paymentrequest",
            {
                "OriginatorConversationID": originator_conversation_id,
                "InitiatorName": self._creds.initiator_name,
                "SecurityCredential": self._creds.security_credential,
                "CommandID": "BusinessPayment",
                "Amount": str(amount_kes),
                "PartyA": self._creds.b2c_shortcode,
                "PartyB": msisdn(phone_e164),
                "Remarks": remarks[:100] or "Bitsacco withdrawal",
                "QueueTimeOutURL": timeout_url,
                "ResultURL": result_url,
                "Occasion": occasion[:100],
            },
        )
        return self._accepted(body, originator_conversation_id)

    async def transaction_status(
        self,
        originator_conversation_id: str,
        original_conversation_id: str,
        transaction_id: str,
        result_url: str,
        timeout_url: str,
    ) -> Accepted:
        """Ask for the outcome of an earlier B2C payment (by its receipt when known, else by its
        OriginatorConversationID); the answer comes to `result_url`."""
        payload = {
            "Initiator": self._creds.initiator_name,
            "SecurityCredential": self._creds.security_credential,
            "CommandID": "TransactionStatusQuery",
            "PartyA": self._creds.b2c_shortcode,
            "IdentifierType": "4",
            "ResultURL": result_url,
            "QueueTimeOutURL": timeout_url,
            "Remarks": "Withdrawal status",
            "Occasion": "",
            "OriginatorConversationID": originator_conversation_id,
        }
        if transaction_id:
            payload["TransactionID"] = transaction_id
        else:
            payload["OriginalConversationID"] = original_conversation_id
        body = await self._post("/mpesa/transactionstatus/v1/query", payload)
        return self._accepted(body, originator_conversation_id)

    @staticmethod
    def _accepted(body: dict, originator_conversation_id: str) -> Accepted:
        if str(body.get("ResponseCode")) != "0":
            raise DarajaRefused(
                str(body.get("ResponseDescription", "request refused")),
                code=str(body.get("ResponseCode", "")),
                body=body,
            )
        return Accepted(
            str(body.get("ConversationID", "")),
            str(body.get("OriginatorConversationID") or originator_conversation_id),
            str(body.get("ResponseDescription", "")),
        )

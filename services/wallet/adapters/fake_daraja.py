"""A local stand-in for Safaricom Daraja (aiohttp): answers and calls back like Safaricom does.

It is what the wallet talks to in the embedded shape (`make run`, no credentials, no internet)
and in the tests, through the real DarajaClient. Wire formats follow Daraja's documentation and
the published samples (/work/shared/vectors/webhooks.json):

- OAuth `GET /oauth/v1/generate?grant_type=client_credentials` with HTTP Basic credentials;
- `POST /mpesa/stkpush/v1/processrequest` checks the bearer token, Password =
  base64(Shortcode + Passkey + Timestamp) and a Nairobi Timestamp within 5 minutes, answers with
  MerchantRequestID/CheckoutRequestID, then POSTs `{"Body":{"stkCallback":{…}}}` to CallBackURL;
- `POST /mpesa/stkpushquery/v1/query` answers ResultCode/ResultDesc, or HTTP 500 errorCode
  500.001.1001 "The transaction is being processed" while the user has not answered yet;
- `POST /mpesa/b2c/v3/paymentrequest` (and v1) answers ConversationID, then POSTs `{"Result":{…}}`
  to ResultURL (or a timeout notice to QueueTimeOutURL);
- `POST /mpesa/transactionstatus/v1/query` answers, then POSTs the status `{"Result":{…}}`.

What the simulated customer does is scripted per phone number (`script_stk`, `script_b2c`);
without a script, STK pushes are paid after `pay_delay` seconds — unless the amount in shillings
is one of Daraja's result codes (1, 1001, 1019, 1032, 1037, 2001), which then fails with that
code (handy for trying failures by hand) — and B2C payouts succeed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import logging
import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from aiohttp import web

from services.wallet.rules.limits import NAIROBI
from services.wallet.rules.mpesa import stk_password

log = logging.getLogger("bitsacco.wallet.fake_daraja")

STK_RESULT_TEXT = {
    0: "The service request is processed successfully.",
    1: "The balance is insufficient for the transaction.",
    1001: "Unable to lock subscriber, a transaction is already in process for the current "
    "subscriber",
    1019: "Transaction has expired",
    1032: "Request cancelled by user",
    1037: "DS timeout user cannot be reached",
    2001: "The initiator information is invalid.",
}
B2C_RESULT_TEXT = {
    0: "The service request is processed successfully.",
    1: "The balance is insufficient for the transaction.",
    8: "The receiver's account balance would exceed its maximum.",
    2040: "Credit Party customer type (Unregistered or Registered Customer) can't be supported "
    "by the service.",
}


@dataclass
class StkScript:
    """What the customer does with one STK push to a phone."""

    result_code: int = 0
    delay: float = 0.05  # seconds until the customer answers
    # "normal", "none" (never calls back), "duplicate" (calls back twice),
    # "before_response" (calls back before answering the push request itself)
    callback: str = "normal"
    callback_amount: float | None = None  # a different Amount in the callback (mismatch)
    callback_phone: int | None = None  # a different PhoneNumber in the callback (mismatch)
    paid: bool | None = None  # what the query says (default: result_code == 0)
    refuse: dict | None = None  # answer the push itself with HTTP 400 and this body
    fail_http: int | None = None  # answer the push with this HTTP status (ambiguous)
    lose_response: bool = False  # accept the push but answer 504 (our side never learns its id)


@dataclass
class B2cScript:
    result_code: int = 0
    delay: float = 0.05
    callback: str = "normal"  # "normal", "none", "timeout" (QueueTimeOutURL), "duplicate"
    # What a Transaction Status query reports: "Completed", "Failed" or None (not found yet).
    status: str | None = "auto"
    refuse: dict | None = None
    fail_http: int | None = None


@dataclass
class StkTransaction:
    merchant_request_id: str
    checkout_request_id: str
    amount: int
    phone: int
    callback_url: str
    script: StkScript
    receipt: str
    answered: bool = False


@dataclass
class B2cTransaction:
    originator_conversation_id: str
    conversation_id: str
    amount: int
    phone: int
    result_url: str
    timeout_url: str
    script: B2cScript
    receipt: str
    done: bool = False


@dataclass
class Delivery:
    url: str
    body: bytes
    status: int | None


@dataclass
class FakeDaraja:
    consumer_key: str = "fake-consumer-key"
    consumer_secret: str = "fake-consumer-secret"
    shortcode: str = "174379"
    passkey: str = "fake-passkey"
    b2c_shortcode: str = "600000"
    initiator_name: str = "testapi"
    pay_delay: float = 3.0
    stk_scripts: dict[str, StkScript] = field(default_factory=dict)
    b2c_scripts: dict[str, B2cScript] = field(default_factory=dict)
    stk: dict[str, StkTransaction] = field(default_factory=dict)
    b2c: dict[str, B2cTransaction] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    tokens_issued: int = 0
    # Name each Transaction Status query with an OriginatorConversationID of our own, not the
    # caller's (its result then carries ours), as the real Daraja may.
    status_names_its_own: bool = False

    def __post_init__(self) -> None:
        self._tokens: set[str] = set()
        self._counter = itertools.count(1)
        self._tasks: set[asyncio.Task] = set()
        self._keys: dict[asyncio.Task, str] = {}
        self._runner: web.AppRunner | None = None
        self._http = httpx.AsyncClient(timeout=10.0)
        self.url = ""

    # -- scripting ---------------------------------------------------------------------------

    def script_stk(self, phone_e164: str, script: StkScript) -> None:
        self.stk_scripts[phone_e164.removeprefix("+")] = script

    def script_b2c(self, phone_e164: str, script: B2cScript) -> None:
        self.b2c_scripts[phone_e164.removeprefix("+")] = script

    def default_stk_script(self, amount: int) -> StkScript:
        if amount in STK_RESULT_TEXT and amount != 0:
            return StkScript(result_code=amount, delay=self.pay_delay)
        return StkScript(delay=self.pay_delay)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application()
        app.router.add_get("/oauth/v1/generate", self._oauth)
        app.router.add_post("/mpesa/stkpush/v1/processrequest", self._stk_push)
        app.router.add_post("/mpesa/stkpushquery/v1/query", self._stk_query)
        app.router.add_post("/mpesa/b2c/v3/paymentrequest", self._b2c)
        app.router.add_post("/mpesa/b2c/v1/paymentrequest", self._b2c)
        app.router.add_post("/mpesa/transactionstatus/v1/query", self._status)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = site._server.sockets[0].getsockname()[1]  # the port actually bound (port=0)
        self.url = f"http://{host}:{bound}"
        return self.url

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._runner:
            await self._runner.cleanup()
        await self._http.aclose()

    async def settled(self, key: str) -> None:
        """Wait until the answers and callbacks scheduled for one CheckoutRequestID or
        OriginatorConversationID have been sent (tests)."""
        while pending := [t for t in self._tasks if self._keys.get(t) == key]:
            await asyncio.gather(*pending, return_exceptions=True)

    def _spawn(self, coro, key: str = "") -> asyncio.Task:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        self._keys[task] = key

        def done(finished: asyncio.Task) -> None:
            self._tasks.discard(finished)
            self._keys.pop(finished, None)

        task.add_done_callback(done)
        return task

    # -- helpers -----------------------------------------------------------------------------

    def _error(self, status: int, code: str, message: str) -> web.Response:
        body = {
            "requestId": f"{next(self._counter)}-fake",
            "errorCode": code,
            "errorMessage": message,
        }
        return web.json_response(body, status=status)

    def _authorised(self, request: web.Request) -> bool:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        return scheme == "Bearer" and token in self._tokens

    async def _json(self, request: web.Request, path: str) -> dict | web.Response:
        if not self._authorised(request):
            return self._error(401, "404.001.03", "Invalid Access Token")
        try:
            body = await request.json()
        except ValueError:
            return self._error(400, "400.002.02", "Bad Request - Invalid JSON")
        self.requests.append((path, body))
        return body

    def _receipt(self) -> str:
        return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(10))

    async def _deliver(self, url: str, payload: dict) -> None:
        data = json.dumps(payload).encode()
        try:
            response = await self._http.post(
                url, content=data, headers={"Content-Type": "application/json"}
            )
            status = response.status_code
        except httpx.HTTPError as exc:
            log.warning("callback to %s failed: %s", url, exc)
            status = None
        self.deliveries.append(Delivery(url, data, status))

    # -- OAuth -------------------------------------------------------------------------------

    async def _oauth(self, request: web.Request) -> web.Response:
        expected = base64.b64encode(f"{self.consumer_key}:{self.consumer_secret}".encode()).decode()
        if request.query.get("grant_type") != "client_credentials":
            return self._error(400, "400.008.02", "Invalid grant type passed")
        if request.headers.get("Authorization") != f"Basic {expected}":
            return self._error(400, "400.008.01", "Invalid Authentication passed")
        token = secrets.token_urlsafe(21)
        self._tokens.add(token)
        self.tokens_issued += 1
        return web.json_response({"access_token": token, "expires_in": "3599"})

    # -- STK push ----------------------------------------------------------------------------

    def _check_password(self, body: dict) -> str | None:
        timestamp = str(body.get("Timestamp", ""))
        try:
            moment = datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=NAIROBI)
        except ValueError:
            return "Bad Request - Invalid Timestamp"
        if abs(datetime.now(UTC) - moment) > timedelta(minutes=5):
            return "Bad Request - Invalid Timestamp"
        if str(body.get("BusinessShortCode")) != self.shortcode:
            return "Bad Request - Invalid BusinessShortCode"
        if body.get("Password") != stk_password(self.shortcode, self.passkey, timestamp):
            return "Bad Request - Invalid Password"
        return None

    async def _stk_push(self, request: web.Request) -> web.Response:
        body = await self._json(request, "stkpush")
        if isinstance(body, web.Response):
            return body
        problem = self._check_password(body)
        if problem:
            return self._error(400, "400.002.02", problem)
        phone, amount = str(body.get("PhoneNumber", "")), str(body.get("Amount", ""))
        if not (phone.isdigit() and phone.startswith("254") and len(phone) == 12):
            return self._error(400, "400.002.02", "Bad Request - Invalid PhoneNumber")
        if not amount.isdigit() or int(amount) < 1:
            return self._error(400, "400.002.02", "Bad Request - Invalid Amount")
        if not str(body.get("CallBackURL", "")).startswith(("http://", "https://")):
            return self._error(400, "400.002.02", "Bad Request - Invalid CallBackURL")
        script = self.stk_scripts.get(phone) or self.default_stk_script(int(amount))
        if script.refuse is not None:
            return web.json_response(script.refuse, status=400)
        if script.fail_http:
            return web.Response(status=script.fail_http, text="upstream error")
        number = next(self._counter)
        now = datetime.now(NAIROBI)
        txn = StkTransaction(
            merchant_request_id=f"29115-{34620561 + number}-1",
            checkout_request_id=f"ws_CO_{now:%d%m%Y%H%M%S}{number:06d}{secrets.randbelow(10**6)}",
            amount=int(amount),
            phone=int(phone),
            callback_url=str(body["CallBackURL"]),
            script=script,
            receipt=self._receipt(),
        )
        self.stk[txn.checkout_request_id] = txn
        if script.callback == "before_response":
            await self._answer_stk(txn, wait=False)
        else:
            self._spawn(self._answer_stk(txn), txn.checkout_request_id)
        if script.lose_response:
            return web.Response(status=504, text="upstream request timeout")
        return web.json_response(
            {
                "MerchantRequestID": txn.merchant_request_id,
                "CheckoutRequestID": txn.checkout_request_id,
                "ResponseCode": "0",
                "ResponseDescription": "Success. Request accepted for processing",
                "CustomerMessage": "Success. Request accepted for processing",
            }
        )

    def stk_callback_body(self, txn: StkTransaction) -> dict:
        code = txn.script.result_code
        callback = {
            "MerchantRequestID": txn.merchant_request_id,
            "CheckoutRequestID": txn.checkout_request_id,
            "ResultCode": code,
            "ResultDesc": STK_RESULT_TEXT.get(code, "The service request failed."),
        }
        if code == 0:
            amount = txn.script.callback_amount
            callback["CallbackMetadata"] = {
                "Item": [
                    {"Name": "Amount", "Value": float(txn.amount if amount is None else amount)},
                    {"Name": "MpesaReceiptNumber", "Value": txn.receipt},
                    {"Name": "Balance"},
                    {
                        "Name": "TransactionDate",
                        "Value": int(datetime.now(NAIROBI).strftime("%Y%m%d%H%M%S")),
                    },
                    {"Name": "PhoneNumber", "Value": txn.script.callback_phone or txn.phone},
                ]
            }
        return {"Body": {"stkCallback": callback}}

    async def _answer_stk(self, txn: StkTransaction, wait: bool = True) -> None:
        if wait:
            await asyncio.sleep(txn.script.delay)
        txn.answered = True
        if txn.script.callback == "none":
            return
        body = self.stk_callback_body(txn)
        await self._deliver(txn.callback_url, body)
        if txn.script.callback == "duplicate":
            await self._deliver(txn.callback_url, body)

    async def _stk_query(self, request: web.Request) -> web.Response:
        body = await self._json(request, "stkpushquery")
        if isinstance(body, web.Response):
            return body
        problem = self._check_password(body)
        if problem:
            return self._error(400, "400.002.02", problem)
        txn = self.stk.get(str(body.get("CheckoutRequestID", "")))
        if txn is None:
            return self._error(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID")
        if not txn.answered:
            return self._error(500, "500.001.1001", "The transaction is being processed")
        paid = txn.script.paid if txn.script.paid is not None else txn.script.result_code == 0
        code = 0 if paid else (txn.script.result_code or 1032)
        return web.json_response(
            {
                "ResponseCode": "0",
                "ResponseDescription": "The service request has been accepted successsfully",
                "MerchantRequestID": txn.merchant_request_id,
                "CheckoutRequestID": txn.checkout_request_id,
                "ResultCode": str(code),
                "ResultDesc": STK_RESULT_TEXT.get(code, "The service request failed."),
            }
        )

    # -- B2C ---------------------------------------------------------------------------------

    async def _b2c(self, request: web.Request) -> web.Response:
        body = await self._json(request, "b2c")
        if isinstance(body, web.Response):
            return body
        for key in (
            "InitiatorName",
            "SecurityCredential",
            "CommandID",
            "Amount",
            "PartyA",
            "PartyB",
            "ResultURL",
            "QueueTimeOutURL",
        ):
            if not body.get(key):
                return self._error(400, "400.002.02", f"Bad Request - Invalid {key}")
        if body["InitiatorName"] != self.initiator_name or body["PartyA"] != self.b2c_shortcode:
            return self._error(400, "400.002.02", "Bad Request - Invalid Initiator")
        phone, amount = str(body["PartyB"]), str(body["Amount"])
        if not amount.isdigit() or int(amount) < 10:
            return self._error(400, "400.002.02", "Bad Request - Invalid Amount")
        ocid = str(body.get("OriginatorConversationID") or f"{next(self._counter)}-fake-1")
        existing = self.b2c.get(ocid)
        if existing is None:
            script = self.b2c_scripts.get(phone) or B2cScript()
            if script.refuse is not None:
                return web.json_response(script.refuse, status=400)
            if script.fail_http:
                return web.Response(status=script.fail_http, text="upstream error")
            existing = B2cTransaction(
                originator_conversation_id=ocid,
                conversation_id=f"AG_{datetime.now(NAIROBI):%Y%m%d}_{secrets.token_hex(10)}",
                amount=int(amount),
                phone=int(phone),
                result_url=str(body["ResultURL"]),
                timeout_url=str(body["QueueTimeOutURL"]),
                script=script,
                receipt=self._receipt(),
            )
            self.b2c[ocid] = existing
            self._spawn(self._answer_b2c(existing), ocid)
        return web.json_response(
            {
                "ConversationID": existing.conversation_id,
                "OriginatorConversationID": ocid,
                "ResponseCode": "0",
                "ResponseDescription": "Accept the service request successfully.",
            }
        )

    def b2c_result_body(self, txn: B2cTransaction) -> dict:
        code = txn.script.result_code
        result = {
            "ResultType": 0,
            "ResultCode": code,
            "ResultDesc": B2C_RESULT_TEXT.get(code, "The service request failed."),
            "OriginatorConversationID": txn.originator_conversation_id,
            "ConversationID": txn.conversation_id,
            "TransactionID": txn.receipt if code == 0 else "",
            "ReferenceData": {
                "ReferenceItem": {
                    "Key": "QueueTimeoutURL",
                    "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit",
                }
            },
        }
        if code == 0:
            completed = datetime.now(NAIROBI).strftime("%d.%m.%Y %H:%M:%S")
            result["ResultParameters"] = {
                "ResultParameter": [
                    {"Key": "TransactionAmount", "Value": txn.amount},
                    {"Key": "TransactionReceipt", "Value": txn.receipt},
                    {"Key": "B2CRecipientIsRegisteredCustomer", "Value": "Y"},
                    {"Key": "B2CChargesPaidAccountAvailableFunds", "Value": -4510.00},
                    {"Key": "ReceiverPartyPublicName", "Value": f"{txn.phone} - Jane Wanjiku"},
                    {"Key": "TransactionCompletedDateTime", "Value": completed},
                    {"Key": "B2CUtilityAccountAvailableFunds", "Value": 10116.00},
                    {"Key": "B2CWorkingAccountAvailableFunds", "Value": 900000.00},
                ]
            }
        return {"Result": result}

    def b2c_timeout_body(self, txn: B2cTransaction) -> dict:
        return {
            "Result": {
                "ResultType": 1,
                "ResultCode": "SVC0403",
                "ResultDesc": "Request timed out in the queue",
                "OriginatorConversationID": txn.originator_conversation_id,
                "ConversationID": txn.conversation_id,
                "TransactionID": "",
            }
        }

    async def _answer_b2c(self, txn: B2cTransaction) -> None:
        await asyncio.sleep(txn.script.delay)
        txn.done = True
        mode = txn.script.callback
        if mode == "none":
            return
        if mode == "timeout":
            await self._deliver(txn.timeout_url, self.b2c_timeout_body(txn))
            return
        await self._deliver(txn.result_url, self.b2c_result_body(txn))
        if mode == "duplicate":
            await self._deliver(txn.result_url, self.b2c_result_body(txn))

    # -- Transaction Status ------------------------------------------------------------------

    async def _status(self, request: web.Request) -> web.Response:
        body = await self._json(request, "transactionstatus")
        if isinstance(body, web.Response):
            return body
        if body.get("CommandID") != "TransactionStatusQuery" or not body.get("ResultURL"):
            return self._error(400, "400.002.02", "Bad Request - Invalid CommandID")
        ocid = str(body.get("OriginatorConversationID") or "")
        if self.status_names_its_own or not ocid:
            ocid = f"{next(self._counter)}-fake-s"
        conversation = f"AG_{datetime.now(NAIROBI):%Y%m%d}_{secrets.token_hex(10)}"
        wanted = str(body.get("TransactionID") or "")
        original = str(body.get("OriginalConversationID") or "")
        txn = next(
            (
                t
                for t in self.b2c.values()
                if (wanted and t.receipt == wanted)
                or (original and t.originator_conversation_id == original)
            ),
            None,
        )
        self._spawn(self._answer_status(str(body["ResultURL"]), ocid, conversation, txn))
        return web.json_response(
            {
                "OriginatorConversationID": ocid,
                "ConversationID": conversation,
                "ResponseCode": "0",
                "ResponseDescription": "Accept the service request successfully.",
            }
        )

    async def _answer_status(
        self, url: str, ocid: str, conversation: str, txn: B2cTransaction | None
    ) -> None:
        await asyncio.sleep(0.02)
        status = None
        if txn is not None and txn.done:
            status = txn.script.status
            if status == "auto":
                status = "Completed" if txn.script.result_code == 0 else "Failed"
        if status is None:
            body = {
                "Result": {
                    "ResultType": 0,
                    "ResultCode": 2032,
                    "ResultDesc": "The transaction could not be found.",
                    "OriginatorConversationID": ocid,
                    "ConversationID": conversation,
                    "TransactionID": "",
                }
            }
        else:
            assert txn is not None
            body = {
                "Result": {
                    "ResultType": 0,
                    "ResultCode": 0,
                    "ResultDesc": "The service request is processed successfully.",
                    "OriginatorConversationID": ocid,
                    "ConversationID": conversation,
                    "TransactionID": txn.receipt,
                    "ResultParameters": {
                        "ResultParameter": [
                            {"Key": "DebitPartyName", "Value": f"{self.b2c_shortcode} - Bitsacco"},
                            {"Key": "CreditPartyName", "Value": f"{txn.phone} - Jane Wanjiku"},
                            {
                                "Key": "OriginatorConversationID",
                                "Value": txn.originator_conversation_id,
                            },
                            {
                                "Key": "InitiatedTime",
                                "Value": int(datetime.now(NAIROBI).strftime("%Y%m%d%H%M%S")),
                            },
                            {"Key": "DebitAccountType", "Value": "Utility Account"},
                            {"Key": "DebitPartyCharges", "Value": ""},
                            {"Key": "TransactionReason", "Value": ""},
                            {"Key": "ReasonType", "Value": "Business Payment to Customer via API"},
                            {"Key": "TransactionStatus", "Value": status},
                            {
                                "Key": "FinalisedTime",
                                "Value": int(datetime.now(NAIROBI).strftime("%Y%m%d%H%M%S")),
                            },
                            {"Key": "Amount", "Value": txn.amount},
                            {"Key": "ConversationID", "Value": txn.conversation_id},
                            {"Key": "ReceiptNo", "Value": txn.receipt},
                        ]
                    },
                }
            }
        with contextlib.suppress(Exception):
            await self._deliver(url, body)

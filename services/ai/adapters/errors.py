"""A failed call to another service as the dialogue sees it: its ErrorInfo reason and metadata."""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from services.ai.dialogue.requests import Failure


def failure_of(error: grpc.aio.AioRpcError) -> Failure:
    reason, metadata, retry = "", {}, None
    try:
        status = rpc_status.from_call(error)
    except Exception:  # a malformed status trailer: keep the code
        status = None
    for detail in status.details if status else ():
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            reason, metadata = info.reason, dict(info.metadata)
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            retry = info.retry_delay.ToTimedelta().total_seconds()
        elif detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
            info = error_details_pb2.PreconditionFailure()
            detail.Unpack(info)
            for violation in info.violations:
                if violation.type and violation.subject:
                    metadata.setdefault(f"precondition:{violation.type}", violation.subject)
    code = error.code().name if error.code() else "UNKNOWN"
    return Failure(reason or code, code, metadata, retry)

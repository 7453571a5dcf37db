"""The one server runtime every Bitsacco service is started with.

A service supplies its servicers, tables and migrations; the runtime supplies configuration,
the gRPC server with health/reflection/graceful shutdown, the interceptors (validation, errors,
authentication, metrics, logging, tracing), storage, cache and events.
"""

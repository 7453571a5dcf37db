"""The server interceptors, outermost first: tracing, observability, errors, authentication,
validation. Each wraps unary handlers through `wrapping.wrap_unary`."""

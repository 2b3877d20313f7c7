"""A loopback exchange built from a spec (`hbgen sandbox`), and the market tests run against it (`hbgen market-test`).

It serves the spec's REST endpoints and websocket streams on 127.0.0.1 in the exchange's documented message
shapes, checks signatures and rate limits as the spec declares them, and keeps balances and order books with a
small matching engine. A generated connector reaches it through its NAME_API_HOST environment variable.
"""

from scaffolder.sandbox.server import Sandbox, sandbox_credentials, serve

__all__ = ["Sandbox", "sandbox_credentials", "serve"]

"""The websocket side of the loopback exchange: subscriptions read against the spec's message templates, private
authentication checked with the exchange's recipe, and public and private events pushed as they happen."""

from __future__ import annotations

import asyncio
import base64
import binascii
import copy
import json
import zlib
from typing import Any, Dict, List, Optional, Set, Tuple

from aiohttp import WSMsgType, web

from scaffolder.context.compression import ws_compression
from scaffolder.sandbox import payloads
from scaffolder.sandbox.engine import Market
from scaffolder.sandbox.signing import render, stale
from scaffolder.sandbox.templates import extract, substitute
from scaffolder.spec.validate import jwt_subscriptions


# zlib's wbits for each `compression` of the spec's streams: gzip (RFC 1952), zlib (RFC 1950), raw (RFC 1951).
COMPRESSION_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS, "raw_deflate": -zlib.MAX_WBITS}


def compress(text: str, compression: str) -> bytes:
    """A frame's text compressed as the exchange sends it (`public_ws.compression`, `user_stream.compression`)."""
    compressor = zlib.compressobj(wbits=COMPRESSION_WBITS[compression])
    return compressor.compress(text.encode("utf8")) + compressor.flush()


class Connection:
    def __init__(self, ws: web.WebSocketResponse, compression: Optional[str] = None):
        self.ws = ws
        self.compression = compression  # frames go out as compressed binary frames when set
        self.authenticated = False
        self.private = False  # subscribed to the user stream
        self.channels: Set[Tuple[str, str]] = set()  # (channel name, trading pair)
        self.outbox: asyncio.Queue = asyncio.Queue()

    def send(self, message: Any) -> None:
        self.outbox.put_nowait(message if isinstance(message, str) else json.dumps(message, default=str))

    async def pump(self) -> None:
        while True:
            text = await self.outbox.get()
            if self.ws.closed:
                return
            if self.compression:
                await self.ws.send_bytes(compress(text, self.compression))
            else:
                await self.ws.send_str(text)


class Streams:
    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.spec = sandbox.spec
        self.connections: List[Connection] = []
        channels = self.spec.public_ws.channels
        self.channels = [(name, channel) for name, channel in
                         (("trade", channels.trade), ("order_book_diff", channels.order_book_diff),
                          ("order_book_snapshot", channels.order_book_snapshot))
                         if channel is not None and channel.topic is not None]
        sandbox.engine.listeners.append(self._on_engine_event)

    # --- connections ---------------------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        connection = Connection(ws, ws_compression(self.spec))
        pump = asyncio.ensure_future(connection.pump())
        self.connections.append(connection)
        token = request.query.get("token")
        private_ws = self.spec.auth.private_ws  # (None: the exchange has no private websocket, `user_stream: none`)
        tokens = (self.spec.public_ws.token, private_ws and private_ws.token)
        if token is not None:
            if token == self.sandbox.private_token:
                connection.authenticated = True
            elif token != self.sandbox.public_token:
                self.sandbox.problem(f"websocket connection with an unknown token {token!r}")
                await ws.close()
            # Token connections are greeted (KuCoin's welcome) with the documented reply.
            greeting = self.spec.user_stream if connection.authenticated else self.spec.public_ws
            connection.send(copy.deepcopy(greeting.example_subscribe_response))
        elif any(tokens) and all(spec_token.server is not None for spec_token in tokens if spec_token is not None):
            # (A private token without a server travels in the subscriptions: its connections carry none.)
            self.sandbox.problem(f"websocket connection to {request.path} without a token")
        elif private_ws is not None and private_ws.scheme == "headers" and any(
            name in request.headers for name in private_ws.headers
        ):
            problem = self._handshake_problem(request.headers)
            if problem:
                self.sandbox.problem(f"websocket authentication refused: {problem}")
                await ws.close()
            else:
                connection.authenticated = True
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    self._receive(connection, message.data)
        finally:
            self.connections.remove(connection)
            pump.cancel()
        return ws

    def _receive(self, connection: Connection, text: str) -> None:
        try:
            message = json.loads(text)
        except ValueError:
            pings = [p.message for p in self._pings() if p]
            if text in pings:
                connection.send("pong")
            else:
                self.sandbox.problem(f"websocket: unrecognised text message {text!r}")
            return
        for ping in self._pings():
            if ping and not isinstance(ping.message, str) and extract(ping.message, message) is not None:
                return
        private = self.spec.has_private_stream
        if private and (self._authenticate(connection, message) or self._subscribe_private(connection, message)):
            return
        if self._subscribe_public(connection, message):
            return
        self.sandbox.problem(f"websocket: a message no channel or request of the exchange matches: {text}")

    def _pings(self) -> tuple:
        """The pings of the public websocket and of the private one, if the exchange has one."""
        return self.spec.public_ws.ping, self.spec.user_stream and self.spec.user_stream.ping

    # --- private -------------------------------------------------------------------------------------------------

    def _authenticate(self, connection: Connection, message: Any) -> bool:
        auth = self.spec.auth.private_ws
        verifier = self.sandbox.verifier
        credentials = self.sandbox.credentials
        reply = copy.deepcopy(self.spec.user_stream.example_subscribe_response)
        if auth.scheme == "signed_subscribe":
            if not isinstance(message, dict) or message.get("method") != auth.method:
                return False
            params = dict(message.get("params") or {})
            signature = params.pop(auth.signature_param, None)
            payload = "&".join(f"{key}={value}" for key, value in sorted(params.items()))
            problem = None
            if params.get(auth.api_key_param) != credentials.get("api_key"):
                problem = f"{auth.api_key_param} is not the account's key"
            elif stale(str(params.get(auth.timestamp_param, "")), "ms"):
                problem = stale(str(params.get(auth.timestamp_param, "")), "ms")
            elif not verifier.verifies(signature, payload):
                problem = (f"signature {signature!r} is not the {verifier.recipe()} of {payload!r} "
                           f"({verifier.expected(payload)})")
            if "id" in reply and "id" in message:
                reply["id"] = message["id"]
            self._answer_auth(connection, reply, problem, auth.success, private=True)
            return True
        if auth.scheme == "login":
            values = extract(auth.login_message, message)
            if values is None:
                return False
            problem = None
            for name, value in values.items():
                if name in credentials and value != credentials[name]:
                    problem = f"{name} in the login message is not the account's"
            stamp = str(values.get("timestamp", ""))
            unit = auth.timestamp.unit if auth.timestamp else "ms"
            if problem is None and stale(stamp, unit):
                problem = stale(stamp, unit)
            if problem is None and not self._ws_verifies(auth.signature, values.get("signature"), {"timestamp": stamp}):
                problem = (f"login signature {values.get('signature')!r} is not the signature of "
                           f"{self._ws_payload(auth.signature, {'timestamp': stamp})!r} "
                           f"({self._ws_expected(auth.signature, {'timestamp': stamp})})")
            self._answer_auth(connection, reply, problem, auth.success, private=False)
            return True
        return False

    def _handshake_problem(self, received: Any) -> Optional[str]:
        """None when the handshake carries every header of `auth.private_ws.headers` as the recipe makes it from the
        time it says (the header that is exactly {timestamp}, else the decoded payload that is) and the account's
        credentials; else what is wrong."""
        auth = self.spec.auth.private_ws
        missing = [name for name in auth.headers if name not in received]
        if missing:
            return f"the handshake lacks the header(s) {', '.join(missing)}"
        stamp = next((received[name] for name, template in auth.headers.items() if template == "{timestamp}"), None)
        if stamp is None and auth.payload is not None and auth.payload.text == "{timestamp}":
            payload_header = next((name for name, template in auth.headers.items() if template == "{payload}"), None)
            if payload_header is not None:
                stamp = self._decoded(received[payload_header], auth.payload.encoding)
        if stamp is None:
            return "no header says the time the handshake was signed at"
        unit = auth.timestamp.unit if auth.timestamp else "ms"
        if stale(stamp, unit):
            return stale(stamp, unit)
        values: Dict[str, Any] = dict(self.sandbox.verifier.credential_values(), timestamp=stamp)
        if auth.payload is not None:
            values["payload"] = self._encoded(render(auth.payload.text, values), auth.payload.encoding)
        values["signature"] = self.sandbox.verifier.sign(*self._ws_recipe(auth.signature, values))
        for name, template in auth.headers.items():
            expected = render(template, values)
            if received[name] != expected:
                return f"header {name} is {received[name]!r}, expected {expected!r}"
        return None

    @staticmethod
    def _encoded(text: str, encoding: str) -> str:
        data = text.encode("utf8")
        if encoding == "hex":
            return data.hex()
        return (base64.urlsafe_b64encode if encoding == "base64url" else base64.b64encode)(data).decode()

    @staticmethod
    def _decoded(text: str, encoding: str) -> Optional[str]:
        try:
            if encoding == "hex":
                return bytes.fromhex(text).decode("utf8")
            return (base64.urlsafe_b64decode if encoding == "base64url" else base64.b64decode)(text).decode("utf8")
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None

    def _ws_payload(self, signature, values: Dict[str, Any]) -> str:
        """The signed text: the payload template filled with `values` and the account's credentials (a memo)."""
        filled = self.sandbox.verifier.credential_values()
        filled.update((key, str(value)) for key, value in values.items())
        return render(signature.payload, filled)

    def _ws_recipe(self, signature, values: Dict[str, Any]):
        rest = self.spec.auth.rest
        return (self._ws_payload(signature, values), signature.algorithm or rest.algorithm,
                signature.encoding or rest.encoding, signature.secret or rest.secret)

    def _ws_verifies(self, signature, received: Any, values: Dict[str, Any]) -> bool:
        return self.sandbox.verifier.verifies(received, *self._ws_recipe(signature, values))

    def _ws_expected(self, signature, values: Dict[str, Any]) -> str:
        return self.sandbox.verifier.expected(*self._ws_recipe(signature, values))

    def _answer_auth(self, connection, reply, problem, success, private: bool) -> None:
        if problem:
            self.sandbox.problem(f"websocket authentication refused: {problem}")
            if success is not None:
                payloads.satisfy(reply, success, holds=False)
        else:
            connection.authenticated = True
            connection.private = connection.private or private
        connection.send(reply)

    def _subscribe_private(self, connection: Connection, message: Any) -> bool:
        auth = self.spec.auth.private_ws
        for subscription in self.spec.user_stream.subscriptions:
            values = extract(subscription.message, message)
            if values is None:
                continue
            if auth.scheme == "token" and auth.token.server is None:
                # The token travels in the subscription (Kraken's GetWebSocketsToken).
                if values.get("token") != self.sandbox.private_token:
                    self.sandbox.problem(f"websocket subscription with an unknown token {values.get('token')!r}")
                    return True
                connection.authenticated = True
            if auth.scheme == "signed_subscriptions":
                signed = message.get(auth.subscription_auth.key)
                found = extract(auth.subscription_auth.value, signed) if signed is not None else None
                # The message's own fields, and the signing time and window the signature carries.
                values = {k: v for k, v in message.items() if k != auth.subscription_auth.key}
                for name in ("timestamp", "recv_window"):
                    if found is not None and name in found:
                        values[name] = found[name]
                problem = None
                if jwt_subscriptions(self.spec):
                    # A token made without a request, verified with the account's public key.
                    problem = self.sandbox.verifier.check_jwt(signed)
                elif found is None or found.get("api_key") != self.sandbox.credentials.get("api_key"):
                    problem = "it lacks the account's key"
                elif "timestamp" in found and stale(str(found["timestamp"]), "ms"):
                    problem = stale(str(found["timestamp"]), "ms")
                elif not self._ws_verifies(auth.signature, found.get("signature"), values):
                    expected = self._ws_expected(auth.signature, values)
                    problem = f"signature {found.get('signature')!r}, expected {expected}"
                if problem:
                    self.sandbox.problem(f"websocket subscription {message.get('channel', '')!r} is not signed as "
                                         f"the exchange expects: {problem}")
                    return True
                connection.authenticated = True
            if not connection.authenticated:
                self.sandbox.problem("websocket: a private subscription before authentication")
                return True
            connection.private = True
            reply = copy.deepcopy(self.spec.user_stream.example_subscribe_response)
            if isinstance(reply, dict) and isinstance(message, dict) and "id" in reply and "id" in message:
                reply["id"] = message["id"]
            if auth.scheme not in ("login", "token"):
                connection.send(reply)
            return True
        return False

    # --- public --------------------------------------------------------------------------------------------------

    def _markets(self, values: Dict[str, Any]) -> Optional[List[Market]]:
        engine = self.sandbox.engine
        symbols: List[str] = []
        for name, value in values.items():
            if name in ("symbol", "symbol_lower"):
                symbols.append(value)
            elif name == "symbols":
                symbols.extend(value if isinstance(value, list) else str(value).split(","))
        by_lower = {symbol.lower(): market for symbol, market in engine.by_symbol.items()}
        markets = [engine.by_symbol.get(symbol) or by_lower.get(str(symbol).lower()) for symbol in symbols]
        return markets if markets and all(markets) else None

    def _subscribe_public(self, connection: Connection, message: Any) -> bool:
        subscribe = self.spec.public_ws.subscribe
        if extract(subscribe.unsubscribe_message, message) is not None and \
                extract(subscribe.message, message) is None:
            return True
        generic = extract(subscribe.message, message)
        if generic is None:
            return False
        topics = generic.get("topics")
        subscribed = []
        for topic in topics if isinstance(topics, list) else [None]:
            found = None
            for name, channel in self.channels:
                if topic is not None:
                    values = extract(channel.topic, topic)
                else:
                    template = substitute(subscribe.message, {"topic": channel.topic, "route": channel.route,
                                                               "name": channel.name or channel.route})
                    values = extract(template, message)
                markets = self._markets(values) if values is not None else None
                if markets:
                    found = (name, markets)
                    break
            if found is None:
                shown = json.dumps(topic if topic is not None else message)
                known = ", ".join(json.dumps(channel.topic) for _, channel in self.channels)
                self.sandbox.problem(f"websocket subscription to an unknown channel: {shown} (the exchange's "
                                     f"channels: {known})")
                return True
            subscribed.append(found)
        for name, markets in subscribed:
            for market in markets:
                connection.channels.add((name, market.trading_pair))
        reply = copy.deepcopy(self.spec.public_ws.example_subscribe_response)
        if isinstance(reply, dict) and "id" in reply and "request_id" in generic:
            reply["id"] = generic["request_id"]
        connection.send(reply)
        snapshot = self.spec.public_ws.channels.order_book_snapshot
        for name, markets in subscribed:
            if name == "order_book_diff" and snapshot is not None and snapshot.topic is None:
                for market in markets:
                    connection.send(self.sandbox.snapshot_message(market))
        return True

    # --- events --------------------------------------------------------------------------------------------------

    def _on_engine_event(self, kind: str, *args) -> None:
        if kind in ("diff", "trade"):
            market = args[0]
            if kind == "trade" and self.spec.public_ws.channels.trade is None:
                return  # no public trade channel: trades are not streamed
            if kind == "trade":
                channel, message = "trade", self.sandbox.trade_message(*args)
            elif self.spec.public_ws.channels.order_book_diff is not None:
                channel, message = "order_book_diff", self.sandbox.diff_message(*args)
            else:
                # A book without diffs (full snapshots at each push) is sent whole when it changes.
                channel, message = "order_book_snapshot", self.sandbox.snapshot_message(market)
            for connection in self.connections:
                if (channel, market.trading_pair) in connection.channels:
                    connection.send(message)
            return
        if not self.spec.has_private_stream:
            return  # orders and balances are only polled over REST
        messages = self.sandbox.order_messages(*args) if kind == "order" else self.sandbox.balance_messages(*args)
        for connection in self.connections:
            if connection.private:
                for message in messages:
                    connection.send(message)

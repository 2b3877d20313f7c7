import asyncio
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

import jwt
from bidict import bidict
from cryptography.hazmat.primitives import serialization

from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_api_user_stream_data_source import (
    CoinbaseAdvancedTradeAPIUserStreamDataSource,
)
from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_auth import CoinbaseAdvancedTradeAuth
from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_exchange import (
    CoinbaseAdvancedTradeExchange,
)
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class CoinbaseAdvancedTradeAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = (
            serialization.load_der_private_key(
                bytes.fromhex(
                    "307702010104204c4235da930337a5c35c7f5c8f6a225c3701e9bd22faa75584b19a7638a1878ca00a06082a8648ce3d030107a1440342000474b526a955a6fc014dee261fa267b008ad04b7cef37abf9e206bc9dc9450b8f1261216358e24cc9c89d73a77a21dc932cc64209ba6da0c1597f50ccffd08b7e5"
                ),
                password=None,
            )
            .private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
            )
            .decode()
        )
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = CoinbaseAdvancedTradeExchange(
            coinbase_advanced_trade_api_key=self.api_key,
            coinbase_advanced_trade_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        # The subscriptions are signed with the time, by the connector's auth: its clock is the test's.
        self.connector._time_synchronizer.time = MagicMock(return_value=1640000000.25)
        self.connector._set_trading_pair_symbol_map(bidict({"COINALPHA-HBOT": self.trading_pair}))
        # Each subscription's token carries a random hex nonce: n bytes give n times 'ab' here.
        token_hex_patcher = patch(
            "hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_auth.secrets.token_hex",
            side_effect=lambda nbytes: "ab" * nbytes,
        )
        token_hex_patcher.start()
        self.addCleanup(token_hex_patcher.stop)
        self.auth = CoinbaseAdvancedTradeAuth(
            api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider
        )
        self.data_source = self.create_data_source(domain="com")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> CoinbaseAdvancedTradeAPIUserStreamDataSource:
        return CoinbaseAdvancedTradeAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()

    def verified_jwt(self, token: str) -> str:
        """`token`, once its signature verifies with the public key of the test's private key and its header and
        claims are the recipe's for a token made without a request (the times not checked against the real clock)."""
        private_key = serialization.load_pem_private_key(self.secret_key.encode("utf8"), password=None)
        claims = jwt.decode(
            token,
            private_key.public_key(),
            algorithms=["ES256"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False},
        )
        self.assertEqual(
            {
                "alg": "ES256",
                "typ": "JWT",
                "kid": self.api_key,
                "nonce": "abababababababababababababababababababababababababababababababab",
            },
            jwt.get_unverified_header(token),
        )
        self.assertEqual({"sub": self.api_key, "iss": "cdp", "nbf": 1640000000, "exp": 1640000120}, claims)
        return token

    def websocket(self, ws_connect_mock: AsyncMock, *messages) -> AsyncMock:
        """The websocket `ws_connect` opens, receiving `messages` (payloads as the exchange sends them) in order."""
        websocket = self.mocking_assistant.create_websocket_mock()
        ws_connect_mock.return_value = websocket
        for message in messages:
            self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps(message))
        return websocket

    def start_listening(self) -> None:
        self.listening_task = asyncio.create_task(self.data_source.listen_for_user_stream(self.output))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_connects_to_private_websocket(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://advanced-trade-ws-user.coinbase.com", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("com", "wss://advanced-trade-ws-user.coinbase.com")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_sends_signed_subscriptions(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "type": "subscribe",
                    "channel": "user",
                    "product_ids": ["COINALPHA-HBOT"],
                    "jwt": self.verified_jwt(sent_messages[0]["jwt"]),
                },
                {"type": "subscribe", "channel": "heartbeats", "jwt": self.verified_jwt(sent_messages[1]["jwt"])},
            ],
            sent_messages,
        )
        self.assertIn("Subscribed to the user data stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": "OID1",
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": "100234",
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "OPEN",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2024-09-11T22:55:13.546353Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
                }
            ],
        }
        self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
            event,
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": "OID1",
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": "100234",
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "OPEN",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2024-09-11T22:55:13.546353Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
                }
            ],
        }
        websocket = self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
        )
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps(
                {
                    "channel": "subscriptions",
                    "client_id": "",
                    "timestamp": "2023-02-09T20:33:57.609931463Z",
                    "sequence_num": 1,
                    "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
                }
            ),
        )
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps(event))

        self.start_listening()

        # Messages are processed in order: the event sent last is the first one queued.
        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())
        self.assertEqual(1, ws_connect_mock.call_count)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_connection_failure(self, ws_connect_mock):
        ws_connect_mock.side_effect = Exception("TEST ERROR")
        self.data_source._sleep.side_effect = asyncio.CancelledError

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs, self.assertRaises(
            asyncio.CancelledError
        ):
            await self.data_source.listen_for_user_stream(self.output)

        self.assertEqual(
            ["Unexpected error while listening to user stream. Retrying after 5 seconds..."],
            [record.getMessage() for record in logs.records],
        )
        self.assertEqual("TEST ERROR", str(logs.records[0].exc_info[1]))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_receive_failure_and_reconnects(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
        )
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps(
                {
                    "channel": "subscriptions",
                    "client_id": "",
                    "timestamp": "2023-02-09T20:33:57.609931463Z",
                    "sequence_num": 1,
                    "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
                }
            ),
        )

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual(
            ["Unexpected error while listening to user stream. Retrying after 5 seconds..."],
            [record.getMessage() for record in logs.records],
        )
        self.assertEqual("TEST ERROR", str(logs.records[0].exc_info[1]))
        self.data_source._sleep.assert_awaited_once()
        self.assertEqual(2, ws_connect_mock.call_count)
        self.assertEqual(4, len(self.mocking_assistant.json_messages_sent_through_websocket(websocket)))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_propagates_cancellation(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "channel": "subscriptions",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 1,
                "events": [{"subscriptions": {"user": ["BTC-USD"]}}],
            },
        )
        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.listening_task.cancel()

        with self.assertRaises(asyncio.CancelledError):
            await self.listening_task

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_propagates_cancellation_without_logging_errors(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock)
        websocket.send_json.side_effect = asyncio.CancelledError
        websocket_assistant = await self.data_source._connected_websocket_assistant()

        with self.assertNoLogs(self.data_source.logger(), level="ERROR"), self.assertRaises(asyncio.CancelledError):
            await self.data_source._subscribe_channels(websocket_assistant)

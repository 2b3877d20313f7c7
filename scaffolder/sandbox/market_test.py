"""`hbgen market-test`: a connector's integration tests against the loopback exchange (or, live, the real one)."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from pathlib import Path
from typing import List, Optional, Sequence

from scaffolder.context.exchange import api_host_env
from scaffolder.sandbox.server import Sandbox
from scaffolder.spec.model import Spec
from scaffolder.testcontext.market import credential_env, pair_env
from scaffolder.testing.runner import run_suite

LIVE_WARNING = (
    "WARNING: --live places REAL orders on {exchange} with the keys in {keys}: limit orders that fill, market "
    "orders, cancels. Sizes are the smallest the exchange's trading rules allow on {pair} (override with {pair_env}); "
    "the account needs a little of both assets. Never run this in CI."
)


class SandboxThread:
    """The sandbox on its own event loop in a background thread, while pytest runs in a subprocess."""

    def __init__(self, spec: Spec):
        self.sandbox = Sandbox(spec, log=lambda text: None)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> Sandbox:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.sandbox.start(0), self._loop).result(timeout=10)
        return self.sandbox

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self.sandbox.stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def _sandbox_env(spec: Spec, sandbox: Sandbox) -> dict:
    env = dict(os.environ)
    env[api_host_env(spec)] = sandbox.host
    variables = credential_env(spec)
    for credential in spec.credentials:
        env[variables[credential.config_field(spec.exchange.name)]] = sandbox.credentials[credential.name]
    env.pop(pair_env(spec), None)
    return env


def run_against_sandbox(
    spec: Spec, connector_root: Path, pytest_args: Sequence[str] = (), python: Optional[str] = None
) -> int:
    """Run the integration tests of `connector_root` against a sandbox of `spec`; report what the sandbox refused."""
    with SandboxThread(spec) as sandbox:
        code = run_suite(connector_root, pytest_args, python, integration=True, env=_sandbox_env(spec, sandbox))
        problems: List[str] = list(sandbox.problems)
    if problems:
        print(f"hbgen: the {spec.exchange.display_name} sandbox refused {len(problems)} request(s):", file=sys.stderr)
        for problem in dict.fromkeys(problems):
            print(f"  {problem}", file=sys.stderr)
    if code == 0 and problems:
        print("hbgen: the tests passed, but the connector sent requests the exchange refuses", file=sys.stderr)
        return 1
    return code


def run_live(
    spec: Spec, connector_root: Path, pytest_args: Sequence[str] = (), echo=print, python: Optional[str] = None
) -> int:
    keys = list(credential_env(spec).values())
    echo(LIVE_WARNING.format(exchange=spec.exchange.display_name, keys=", ".join(keys),
                             pair=os.environ.get(pair_env(spec), spec.exchange.example_pair), pair_env=pair_env(spec)))
    missing = [key for key in keys if not os.environ.get(key)]
    if missing:
        echo(f"error: set {', '.join(missing)} to run against the real exchange")
        return 2
    env = dict(os.environ)
    env.pop(api_host_env(spec), None)
    return run_suite(connector_root, pytest_args, python, integration=True, env=env)


def connector_root_for(out: Path, name: str) -> Optional[Path]:
    root = out / name
    return root if (root / "test" / "integration").is_dir() else None

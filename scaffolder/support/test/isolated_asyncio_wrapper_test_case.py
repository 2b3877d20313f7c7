"""Stand-in for Hummingbot's ``test.isolated_asyncio_wrapper_test_case``.

Hummingbot's generic connector test classes (``hummingbot.connector.test_support``) import this module, but Hummingbot
ships it only in its source repository's ``test/`` folder, not in the PyPI package. The hbgen pytest plugin puts this
directory first on ``sys.path`` so generated suites run against an installed ``hummingbot``.
"""

import asyncio
import functools
import unittest
from typing import Any, Awaitable, Callable, Coroutine, Iterable, Optional, TypeVar, Union

T = TypeVar("T")


class IsolatedAsyncioWrapperTestCase(unittest.IsolatedAsyncioTestCase):
    """IsolatedAsyncioTestCase that gives the thread's event loop back after the class has run.

    Each test gets its own loop and unittest clears the current loop when it closes it; Hummingbot code still calls
    ``asyncio.get_event_loop()`` outside coroutines, so the loop in place before the class is restored afterwards.
    """

    main_event_loop: Optional[asyncio.AbstractEventLoop] = None

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        try:
            cls.main_event_loop = asyncio.get_event_loop()
        except RuntimeError:  # no current loop in this (non-main) thread
            cls.main_event_loop = asyncio.new_event_loop()
            asyncio.set_event_loop(cls.main_event_loop)

    @classmethod
    def tearDownClass(cls) -> None:
        asyncio.set_event_loop(cls.main_event_loop)
        super().tearDownClass()

    def run_async_with_timeout(self, coroutine: Awaitable[T], timeout: float = 1) -> T:
        """Run ``coroutine`` to completion on the test's loop from a synchronous test method."""
        return asyncio.get_event_loop().run_until_complete(asyncio.wait_for(coroutine, timeout))

    @staticmethod
    async def await_task_completion(coroutine_names: Union[str, Iterable[str]]) -> None:
        """Wait for every other running task whose coroutine function has one of ``coroutine_names``."""
        names = {coroutine_names} if isinstance(coroutine_names, str) else set(coroutine_names)
        current = asyncio.current_task()
        tasks = [
            t for t in asyncio.all_tasks() if t is not current and getattr(t.get_coro(), "__name__", None) in names
        ]
        await asyncio.gather(*tasks)


def async_to_sync(func: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., T]:
    """Make a coroutine function callable synchronously on a private loop, leaving the current loop untouched.

    ``asyncio.run`` would instead unset the thread's current loop when it finishes.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(func(*args, **kwargs))
        finally:
            loop.close()

    return wrapper

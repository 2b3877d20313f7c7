"""Public channel routes: a plain route is compared with the value at `public_ws.route_field` (`route_match`); a
route holding `{symbol}` is a template matching the whole value, which also carries the channel's symbol
(`market.{symbol}.depth.step0` recognises `market.btcusdt.depth.step0` and reads `btcusdt`)."""

from __future__ import annotations

from typing import Any, Optional, Tuple

from scaffolder.spec import fieldpath

SYMBOL = "{symbol}"


def match_of(public: Any, channel: Any) -> str:
    """How a channel's route is matched: its own route_match, else public_ws.route_match."""
    return channel.route_match or public.route_match


def by_key(public: Any, channel: Any) -> bool:
    """The channel's messages are those carrying its route as a key (route_match key); a route template always
    reads route_field."""
    return match_of(public, channel) == "key" and symbol_template(channel.route) is None


def symbol_template(route: Optional[str]) -> Optional[Tuple[str, str]]:
    """(text before, text after) `{symbol}` in a route template, or None for a plain route."""
    if route is None or SYMBOL not in route:
        return None
    before, _, after = route.partition(SYMBOL)
    return before, after


def captured(route: str, value: Any) -> Optional[str]:
    """The symbol a template route reads from a route value, or None when the value does not match the template."""
    before, after = symbol_template(route)
    if not isinstance(value, str) or len(value) <= len(before) + len(after):
        return None
    if not (value.startswith(before) and value.endswith(after)):
        return None
    return value[len(before):len(value) - len(after)]


def matches(route_match: str, route: str, value: Any) -> bool:
    """Whether a message carrying `value` at route_field belongs to the channel of `route`."""
    if symbol_template(route) is not None:
        return captured(route, value) is not None
    text = str(value)
    if route_match == "prefix":
        return text.startswith(route)
    if route_match == "suffix":
        return text.endswith(route)
    if route_match == "contains":
        return route in text
    return text == route


def documented_symbol(public: Any, channel: Any, message: Any) -> Any:
    """The symbol a channel's message carries: at the channel's `symbol` path, or in its route value (raises
    fieldpath.FieldPathError when absent)."""
    if symbol_template(channel.route) is None:
        if channel.symbol is None:
            raise fieldpath.FieldPathError("the channel names no symbol path")
        return fieldpath.read(message, channel.symbol)
    if public.route_field is None:
        raise fieldpath.FieldPathError("no route_field holds the route")
    symbol = captured(channel.route, fieldpath.read(message, public.route_field))
    if symbol is None:
        raise fieldpath.FieldPathError(f"{public.route_field!r} does not match the route {channel.route!r}")
    return symbol


def with_symbol(route: str, symbol: str) -> str:
    """The route value of a template route's messages for `symbol`."""
    before, after = symbol_template(route)
    return before + symbol + after

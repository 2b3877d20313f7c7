"""hbgen: generate Hummingbot exchange connectors and their test suites from a YAML spec."""

__version__ = "0.1.0"

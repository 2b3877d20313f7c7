"""Run a generated connector's test suite against an installed Hummingbot."""

# Set by the runner, read by the plugin: the generated/NAME directory under test.
CONNECTOR_ROOT_ENV = "HBGEN_CONNECTOR_ROOT"

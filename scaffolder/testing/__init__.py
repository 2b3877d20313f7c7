"""Run a generated connector's test suite against an installed Hummingbot."""

# Set by the runner, read by the plugin: the generated/NAME directory under test.
CONNECTOR_ROOT_ENV = "HBGEN_CONNECTOR_ROOT"
# Set by the upstream runner, read by the outcomes plugin: where to write each test's outcome (JSON).
OUTCOMES_ENV = "HBGEN_OUTCOMES"

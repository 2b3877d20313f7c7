"""Run a generated connector's test suite against an installed Hummingbot."""

# Set by the runner, read by the plugin: the generated/NAME directory (or Hummingbot checkout) under test, and the
# connector's name (needed in a checkout, which holds many connectors).
CONNECTOR_ROOT_ENV = "HBGEN_CONNECTOR_ROOT"
CONNECTOR_NAME_ENV = "HBGEN_CONNECTOR_NAME"
# Set by the upstream runner, read by the outcomes plugin: where to write each test's outcome (JSON).
OUTCOMES_ENV = "HBGEN_OUTCOMES"

"""Test-wide settings: Prefect runs on its local ephemeral API, quietly and without telemetry."""
import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

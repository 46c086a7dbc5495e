from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site on servers: the readiness check, backup and restore (no models)."""

    name = "operations"

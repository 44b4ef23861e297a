"""The published tables: definitions (tables), the release gate (validate) and generated docs (datapackage)."""
from schemas.datapackage import build_datapackage, data_dictionary_markdown
from schemas.tables import PRIMARY_KEYS, TABLES, frame_from_records
from schemas.validate import ReleaseValidationError, validate_release

__all__ = [
    "PRIMARY_KEYS",
    "TABLES",
    "ReleaseValidationError",
    "build_datapackage",
    "data_dictionary_markdown",
    "frame_from_records",
    "validate_release",
]

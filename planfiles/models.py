"""planfiles' one model: the checksum of each loaded plan file (planfiles/edits.py)."""

from planfiles.edits import LoadedFile

__all__ = ["LoadedFile"]

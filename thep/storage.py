"""Stored files that are whole or absent: never half-written, whatever stops the writer."""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import models


def write_whole(path: Path, content: bytes, *, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step: a
    reader sees the old file or the new one, and a writer killed midway leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:  # mkstemp makes the file private to its owner
            os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def file_field_replace(
    *, instance: models.Model, field: str, filename: str, content: bytes
) -> None:
    """Store `content` as the row's file under a fixed name and point the row at it; running
    it again replaces the file, so a retried task leaves one file, not a pile of copies.
    Needs storage on a file system (Django's FileSystemStorage, the project's default)."""
    file_field = instance._meta.get_field(field)
    if not isinstance(file_field, models.FileField):
        raise TypeError(f"{field} is not a file field.")
    name = file_field.generate_filename(instance, filename)
    storage = file_field.storage
    if not isinstance(storage, FileSystemStorage):
        raise TypeError(f"{field} is not stored on a file system.")
    write_whole(Path(storage.path(name)), content, mode=storage.file_permissions_mode)
    before = getattr(instance, field).name
    type(instance)._default_manager.filter(pk=instance.pk).update(**{field: name})
    setattr(instance, field, name)
    if before and before != name:
        storage.delete(before)

"""Serving a stored file: one way for every download, page or API.

Callers decide who may see the row (through `for_user`) before they call this; it only streams the
file, and answers 404 when the row has none or storage has lost it.
"""

from __future__ import annotations

import os

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


class FileUnavailable(Http404):
    """The row is visible but has no file: unlike other 404s, the API may say why."""


def stored_file_response(field_file, *, content_types: dict[str, str] | None = None) -> FileResponse:
    """Stream `field_file` as an attachment, typed from `content_types` by extension when given
    (otherwise from the file name)."""
    if not field_file:
        raise FileUnavailable(_("No file has been uploaded here."))
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise FileUnavailable(_("The file is missing from storage.")) from error
    name = os.path.basename(field_file.name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = (content_types or {}).get(extension)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)

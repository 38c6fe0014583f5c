"""The template's logo in a PDF: drawn from the bytes the template check read, decoded once.

A template's logo is read once and those bytes checked (:func:`briefing.template_files.read_logo`);
the outline carries them and the writers draw them, never the file again (a file swapped
after the check is not what the note shows). The DOCX writer gives them to python-docx as
a stream; here :class:`Logo` is the flowable the PDF writer places, and the image object
(decoded, compressed) is made once per process for the same bytes, keyed by their SHA-256
(the template's logo is the same in every note): each document takes a copy, registered as
reportlab's ``Canvas.drawImage`` registers the image objects it makes.
"""
from __future__ import annotations

import copy
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

__all__ = ["Logo", "logo_image", "SPACE_AFTER"]

SPACE_AFTER = 8  # pt between the logo and the title, as the DOCX writer's LOGO_SPACE_AFTER
CACHE_LIMIT = 8  # decoded logos kept per process


@dataclass(frozen=True)
class LogoImage:
    """A logo's image object, made once for its bytes: pixel size and the object to copy."""

    name: str  # the PDF's name for it: from the bytes' hash
    width: int
    height: int
    xobject: Any  # reportlab's PDFImageXObject (with its transparency as ``_smask``)


_IMAGES: dict[bytes, LogoImage] = {}  # SHA-256 of a logo's bytes -> its image


def logo_image(data: bytes) -> LogoImage:
    """The image object of the logo ``data``, decoded and compressed once per process."""
    digest = hashlib.sha256(data).digest()
    image = _IMAGES.get(digest)
    if image is None:
        if len(_IMAGES) >= CACHE_LIMIT:
            _IMAGES.pop(next(iter(_IMAGES)))
        name = "Logo" + digest.hex()[:32]
        xobject = pdfdoc.PDFImageXObject(name, ImageReader(io.BytesIO(data)), mask="auto")
        image = _IMAGES[digest] = LogoImage(name, xobject.width, xobject.height, xobject)
    return image


def _register(canvas: Any, image: LogoImage) -> str:
    """This document's copy of the image object (registered once per document); its name."""
    doc = canvas._doc
    registered = doc.getXObjectName(image.name)
    if doc.idToObject.get(registered) is not None:
        return registered
    made = copy.copy(image.xobject)  # reportlab sets per-document fields on it
    smask = made.__dict__.pop("_smask", None)
    canvas._setXObjects(made)
    doc.Reference(made, registered)
    doc.addForm(image.name, made)
    if smask is not None:  # the transparency, an image of its own
        mask_name = doc.getXObjectName(smask.name)
        if doc.idToObject.get(mask_name) is None:
            smask = copy.copy(smask)
            canvas._setXObjects(smask)
            made.smask = doc.Reference(smask, mask_name)
        else:
            made.smask = pdfdoc.PDFObjectReference(mask_name)
    return registered


class Logo(Flowable):
    """The template's logo, ``width`` points wide, from its checked bytes."""

    def __init__(self, data: bytes, width: float) -> None:
        super().__init__()
        self.image = logo_image(data)
        self.width, self.height = width, width * self.image.height / self.image.width
        self.spaceAfter = SPACE_AFTER
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        registered = _register(canvas, self.image)
        canvas._currentPageHasImages = 1
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.image.name)

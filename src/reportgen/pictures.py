"""Pictures recognised by their first bytes: the type and pixel size from the header, never decoded.

What a file claims to be (its name, a content type in [Content_Types].xml) is not trusted: the
type comes from the bytes, and only the types below reach the PDF. SVG is not among them (a few
`<use>` elements can ask the renderer for billions of shapes); Word keeps a PNG beside an SVG.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from reportgen.i18n import t
from reportgen.limits import MIB, PICTURE_BYTES, PICTURE_PIXELS, LimitExceeded

CONTENT_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
}
KINDS = "PNG、JPEG、GIF、BMP、TIFF"


@dataclass(frozen=True)
class Picture:
    """A recognised picture: its type (a key of CONTENT_TYPES) and size in pixels."""

    kind: str
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def identify(data: bytes) -> Picture | None:
    """Return the type and pixel size written in a picture's header, or None when not recognised."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return Picture("png", width, height)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return Picture("gif", width, height)
        if data.startswith(b"BM"):
            return _bmp(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(data)
    except struct.error:  # the header is cut short
        return None
    return None


def check(data: bytes) -> Picture | None:
    """Return the picture `data` holds, or None when it is no picture of a known type.

    Raise LimitExceeded when it has more bytes or pixels than the limits allow.
    """
    if len(data) > PICTURE_BYTES:
        raise LimitExceeded(too_large(len(data)))
    picture = identify(data)
    if picture is not None and picture.width * picture.height > PICTURE_PIXELS:
        raise LimitExceeded(
            t(
                "图片有 {width} × {height} 像素，上限 {limit} 像素",
                width=picture.width,
                height=picture.height,
                limit=f"{PICTURE_PIXELS:,}",
            )
        )
    return picture


def too_large(size: int) -> str:
    """Return the message for a picture of `size` bytes, over PICTURE_BYTES."""
    return t("图片文件 {size} MB，上限 {limit} MB", size=f"{size / MIB:.1f}", limit=PICTURE_BYTES // MIB)


def read_regular(path: Path) -> bytes:
    """Return the bytes of the regular file `path`, opened without following a link at its end.

    Raise LimitExceeded when it is larger than PICTURE_BYTES, OSError when it cannot be read or
    is a link or a special file (a FIFO would block, /dev/zero never ends).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, t("不是普通文件"), str(path))
        if info.st_size > PICTURE_BYTES:
            raise LimitExceeded(too_large(info.st_size))
        data = handle.read(PICTURE_BYTES + 1)
    if len(data) > PICTURE_BYTES:
        raise LimitExceeded(too_large(len(data)))
    return data


def locate(base: Path, name: str, images_dir: Path | None = None) -> Path:
    """Return the picture `name` (relative to the input's folder `base`, or absolute), normalised.

    It must lie inside `base` or `images_dir`, reached without a link (symlink) from there, and be
    a regular file. Raise LimitExceeded saying which rule it breaks; FileNotFoundError when missing.
    """
    target = Path(os.path.normpath(os.path.join(os.path.abspath(base), name)))
    for root in (base, images_dir):
        top = Path(os.path.normpath(os.path.abspath(root))) if root is not None else None
        if top is None or top not in target.parents:
            continue
        step, info = top, None
        for part in target.relative_to(top).parts:
            step = step / part
            info = step.lstat()  # FileNotFoundError when missing
            if stat.S_ISLNK(info.st_mode) and step == target:
                raise LimitExceeded(
                    t("图片 {name} 是链接（符号链接）：不允许，请放入图片文件本身", name=name)
                )
            if stat.S_ISLNK(info.st_mode):
                link = step.relative_to(top)
                raise LimitExceeded(t("图片 {name} 经过链接（符号链接）{link}：不允许", name=name, link=link))
        if info is None or not stat.S_ISREG(info.st_mode):
            raise LimitExceeded(t("图片 {name} 不是普通文件", name=name))
        return target
    if images_dir is None:
        message = t(
            "图片 {name} 不在输入文件所在的文件夹里（其他文件夹中的图片请用 --images-dir 指定）", name=name
        )
    else:
        message = t(
            "图片 {name} 既不在输入文件所在的文件夹里，也不在 --images-dir {folder} 里",
            name=name,
            folder=images_dir,
        )
    raise LimitExceeded(message)


def embeddable(data: bytes) -> Picture | None:
    """Return the picture `data` holds when python-docx can embed it (a JPEG needs JFIF or Exif)."""
    picture = identify(data)
    if picture is not None and picture.kind == "jpeg" and data[6:10] not in (b"JFIF", b"Exif"):
        return None
    return picture


def _bmp(data: bytes) -> Picture:
    header = struct.unpack("<I", data[14:18])[0]
    if header == 12:  # OS/2 BITMAPCOREHEADER
        width, height = struct.unpack("<HH", data[18:22])
    else:
        width, height = struct.unpack("<ii", data[18:26])
    return Picture("bmp", abs(width), abs(height))


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> Picture | None:
    """Return the size in the first start-of-frame segment, walking the segments before it."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return Picture("jpeg", width, height)
        if marker == 0xD9 or length < 2:
            return None
        pos += 2 + length
    return None


def _tiff(data: bytes) -> Picture | None:
    """Return the size in the first image file directory (tags 256 and 257)."""
    order = "<" if data[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[offset : offset + 2])
    size: dict[int, int] = {}
    for i in range(min(count, 4096)):
        entry = data[offset + 2 + 12 * i : offset + 14 + 12 * i]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            size[tag] = struct.unpack(
                order + ("H" if kind == 3 else "I"), entry[8:10] if kind == 3 else entry[8:12]
            )[0]
    if 256 in size and 257 in size:
        return Picture("tiff", size[256], size[257])
    return None

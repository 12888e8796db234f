"""Which content files changed since the last look: by stat signature, then by bytes.

A :class:`Tree` remembers, for each file it was shown, what it made of it (a
:class:`Seen`: the document and the problems found in it alone) with the file's stat
signature (size, modification time, inode) and the sha256 of its bytes. On the next look
a file whose signature is unchanged is taken as unchanged, unread; one whose signature
changed is read, and if its bytes are the same (a `touch`, a save without a change) its
document is kept all the same. Only the others are handed to the reader.

A signature is trusted only when the file was last modified well before it was taken
(``RACY_NS``): a file written twice within one tick of the file system's clock keeps its
modification time, and if its size is kept too (one letter for another) only its bytes
tell. Git calls such files "racily clean" and compares their content; so does this.
What no signature can tell is a file rewritten in place with the same size and an old
modification time put back (`cp -p` onto it, `touch -r`): that is taken as unchanged.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.content.load import Document, FileBytes, Signature, read_file

# Coarser than the clock of any file system we may meet (FAT's is 2 s), with room to spare.
RACY_NS = 3_000_000_000


@dataclass
class Seen:
    """One file as last seen: its document as read and as checked, and how to tell whether
    it changed since."""

    kind: str
    signature: Signature | None
    digest: str | None  # sha256 of its bytes; None when they could not be read
    read: Document  # as read, with the problems of reading it
    doc: Document  # as checked on its own (rules.check_document)
    taken_ns: int = 0  # when the signature was taken (at the latest)
    fresh: bool = True  # read on the last look, not kept from an earlier one

    def check_again(self, check: Callable[[Document], Document]) -> None:
        """Check the document as read again (the rules changed); one checked the same as
        before stays the very same object."""
        checked = check(self.read)
        if checked != self.doc:
            self.doc = checked

    def trusted(self) -> bool:
        return self.signature is not None and self.signature.mtime_ns < self.taken_ns - RACY_NS


Reader = Callable[[str, str, FileBytes, str | None], Seen]


class Tree:
    def __init__(self, inside: str | None = None) -> None:
        self._seen: dict[str, Seen] = {}
        self.inside = inside  # the handbook's folder: no link out of it is read

    def look(self, files: list[tuple[str, str]], read: Reader) -> list[Seen]:
        """Each file (path, kind) as it is now, in the order given; the files not given
        any more (deleted, renamed) are forgotten."""
        now = time.time_ns()  # before any file is looked at: what is seen is this new
        seen = {path: self._one(path, kind, read, now) for path, kind in files}
        self._seen = seen
        return list(seen.values())

    def seen(self) -> list[Seen]:
        """The files of the last look."""
        return list(self._seen.values())

    def _one(self, path: str, kind: str, read: Reader, now: int) -> Seen:
        before = self._seen.get(path)
        if before is not None and before.kind != kind:
            before = None
        if before is not None and before.trusted():
            try:
                st = os.stat(path)
            except OSError:
                pass
            else:  # a plain tuple: building a Signature for each of 5,000 files costs
                if (st.st_size, st.st_mtime_ns, st.st_ino) == before.signature:
                    before.fresh = False
                    return before
        bytes_read = read_file(path, self.inside)
        raw = bytes_read.raw
        digest = None if raw is None else hashlib.sha256(raw).hexdigest()
        if before is not None and digest is not None and digest == before.digest:
            before.signature, before.taken_ns, before.fresh = bytes_read.signature, now, False
            return before
        seen = read(path, kind, bytes_read, digest)
        seen.taken_ns = now
        return seen

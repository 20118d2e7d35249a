"""Exchanging data between laptops: data bundles (.ksd), importing bundles and PDF forms, backups.

bundle.py    export a bundle: manifest, members, SHA-256 of each, signed (format version 2)
keys.py      the data file's Ed25519 key: kode perangkat, signing and checking a manifest
trust.py     who sent a file (recorded keys, trust on first use) and what it may change
devices.py   own kode perangkat and role, the recorded senders (Settings, ``ksd-desktop keys``)
schema.py    the small JSON Schema validator of the bundle format
incoming.py  read an incoming file (bundle or PDF) into forms, refusing bad files
diff.py      field-by-field differences between a local and an incoming form
results.py   what the preview shows per file and per form
importer.py  preview and apply an import (one transaction per file)
backup.py    copies before an import, undo of the last import, manual backups
"""

"""The hidden-content scanner and the document accessibility checks.

A room of its own: it reads files and `agenda.models`, nothing above. Entry points:
`scan.scan_bytes` (any file's bytes -> ScanReport), `record.scan_document` (scan a stored
document and keep the result), `convert.convert_document` (Word/ODT report -> PDF),
`release.release_problems` (what blocks a release), `overrides.record_override`.
"""

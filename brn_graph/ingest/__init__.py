"""Spreadsheet ingestion: mappings, readers, row checks, records and the durable write path."""

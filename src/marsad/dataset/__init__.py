"""Event datasets: per-article events merged into one row per incident (`marsad merge`)."""
from marsad.dataset.merge import merge_command, merge_files, merge_reports, merge_reports_dask

__all__ = ["merge_command", "merge_files", "merge_reports", "merge_reports_dask"]

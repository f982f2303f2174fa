"""Pieces of the HTML report: highlighted documents, the offline map, the page."""

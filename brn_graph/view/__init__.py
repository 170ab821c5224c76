"""The network view: projection, cut, layout, style and the HTML page."""

"""The decision brief: one model (:mod:`.model`) rendered as HTML, PDF and XLSX."""

"""Planning documents: the plan, the annual update report to the council and the board scorecard.

`content.py` builds each document once as plain sections; `render.py` writes that as HTML, DOCX or PDF,
so the three formats always hold the same words and figures.
"""

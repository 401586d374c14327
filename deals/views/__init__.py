"""Pages of deals: thin views (a form, one service or selector, then a page or a redirect).

Object pages fetch through `deals.selectors`, which return None to anybody but the
object's buyer or seller; the views answer that with the same 404 as for nothing.
"""

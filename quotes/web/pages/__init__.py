"""The pages the plugin adds to Datasette, one module per page type.

Each module holds the SQL of its page and an async `context()` that returns the
template variables; `quotes.web` calls them from Datasette's hooks. For row pages,
`quotes_template` in the returned dict names the template that `row.html` extends.
"""

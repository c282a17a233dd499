"""The pages the plugin adds to Datasette, one module per page type.

Each module holds the SQL of its page and an async `context()` that returns the
template variables; `quotes.web.plugin` calls them from Datasette's hooks (row pages:
`quotes_template` in the returned dict names the template that `row.html` extends) or
from routes of its own (home, the quotes, speakers and articles listings, the check
page). A bad parameter raises Datasette's `BadRequest` (`params`), which `errors` turns
into the site's page with status 400.
"""

"""What the site publishes besides pages: open data, feeds, the sitemap (core; no MkDocs).

Adapters write what these modules return (``{site path: bytes}``).
"""

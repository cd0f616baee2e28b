"""Static-site generator for a government information-disclosure catalogue.

Data flows one way: ``source`` reads a file, ``validate`` makes a frozen
``Record``, ``catalogue`` indexes records, ``graph`` links them, ``checks``
apply the rules for a given day, ``visibility`` decides what the public may
see, ``views`` say which pages exist, and the adapters (``cli``,
``mkdocs_plugin``) present the result.  Only ``mkdocs_plugin`` imports MkDocs.
"""

__version__ = "0.1.0"

"""How the build goes fast, kept apart from what the product knows.

Nothing here decides what a page says: these modules remember, share and
parallelise work whose result the domain core defines.

- ``cache``: content-addressed store of build outputs (pages, search files);
- ``load_cache``: what unchanged record files validated to;
- ``forked``: forked worker processes, one per core;
- ``identity_memo``, ``view_memo``: per-record results kept between the
  rebuilds of one ``mkdocs serve`` process, reused only for unchanged records.

Every speed-up here must give the bytes the plain path gives; the tests
compare the two.
"""

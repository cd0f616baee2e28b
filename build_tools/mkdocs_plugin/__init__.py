"""The MkDocs adapter: the only package in the project that imports MkDocs."""

"""Views: which pages and lists exist and what they show, as plain data."""

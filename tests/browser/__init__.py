"""Tests that open the built site in headless Chromium (Playwright)."""

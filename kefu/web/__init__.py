"""The web layer shared by all contexts: API plumbing (errors, auth, cursors), layout pages."""

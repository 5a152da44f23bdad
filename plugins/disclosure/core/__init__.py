"""The domain core: free of MkDocs imports by design (see tests/test_architecture.py)."""

"""The MkDocs plugin `disclosure`: a thin adapter from MkDocs events to `disclosure.core`."""

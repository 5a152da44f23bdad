"""The MkDocs plugin `disclosure`: a thin adapter from MkDocs events to the packages below.

The only package that imports MkDocs or Material, so that the rest can move to another host.
May use: every package but `cli`.
"""

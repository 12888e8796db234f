"""The MkDocs adapter: MkDocs events in, the build's calls out; nothing else knows MkDocs."""

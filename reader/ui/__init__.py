"""The Textual app: composes the data layers, holds no business logic."""

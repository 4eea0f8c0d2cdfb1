"""The use cases both front ends call (the CLI and the app), over the library.

A rule a user can see (which copies a tag goes to, what may be untagged) lives here once;
the CLI only parses and prints, the app only composes and draws.
"""

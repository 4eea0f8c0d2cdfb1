"""Text tools every layer shares: cleaning untrusted text, folding it for matching, stemming."""

"""Infrastructure: settings, tokens, transcodings, the chain hook, caches, backups and
archives; what the use cases stand on, with no rule of the domain in it."""

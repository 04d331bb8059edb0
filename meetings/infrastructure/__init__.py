"""Infrastructure: what the use cases stand on, with no rule of the domain in it: settings,
SQL on both backends, the store's checks, bearer tokens and sign-in links, signing keys,
the hash chain (and the hook that seals each event as it is written), the people's keys,
transcodings, backups and the archive."""

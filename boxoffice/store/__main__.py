"""`python -m boxoffice.store revision -m "..."` / `heads`: migration tooling for developers."""

from boxoffice.store.migrate import main

main()

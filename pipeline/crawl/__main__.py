"""`python -m pipeline.crawl ...`: the crawl subcommand on its own."""
from pipeline.crawl.cli import main

raise SystemExit(main())

"""The benchmark suite (`make bench`): the platform measured against what PostgreSQL and Python can
physically do on the same machine, in the same run, at ten times the programme's size."""

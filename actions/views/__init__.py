"""Pages of the actions app: staff.py for programme staff (partners see the same Action pages,
scoped to their institution), portal.py for what partners write themselves."""

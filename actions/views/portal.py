"""Pages partner institutions use through the portal: their requests, written and sent by their
focal point, and the answers to the programme's questions. Staff pages are in staff.py."""

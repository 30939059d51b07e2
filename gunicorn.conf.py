"""Gunicorn's settings, read from the working directory by the Dockerfile's server and by
`make bench` alike."""

# Three workers for two cores. Under `make bench` three served the head's bookings page 10 to
# 15% more requests a second than four, and four more than six: each extra process only adds
# switching, with PostgreSQL on the same machine.
workers = 3

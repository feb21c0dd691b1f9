#!/bin/sh
# docker-lessons offline stand-in for redis's entrypoint (same argument rules as the real one).
set -e
# first arg is `-f` or `--some-option`, or a config file: run redis-server with them
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
exec "$@"

#!/bin/sh
# docker-lessons offline stand-in for nginx's entrypoint: runs the given command (default: nginx -g 'daemon off;').
set -e
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  echo "/docker-entrypoint.sh: Configuration complete; ready for start up" >&2
fi
exec "$@"

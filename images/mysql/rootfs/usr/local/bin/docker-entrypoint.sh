#!/bin/sh
# docker-lessons offline stand-in for mysql's entrypoint. Like the real one it refuses to start
# without a root password option, which is the pitfall the lessons teach.
set -e
if [ "${1#-}" != "$1" ]; then
  set -- mysqld "$@"
fi
if [ "$1" = mysqld ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD}${MYSQL_ROOT_PASSWORD_FILE}${MYSQL_ALLOW_EMPTY_PASSWORD}${MYSQL_RANDOM_ROOT_PASSWORD}" ]; then
    echo "$(date '+%Y-%m-%d %H:%M:%S+00:00') [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified" >&2
    echo "    You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD" >&2
    exit 1
  fi
  echo "$(date '+%Y-%m-%d %H:%M:%S+00:00') [Note] [Entrypoint]: Entrypoint script for MySQL Server ${MYSQL_VERSION} started." >&2
  if [ ! -f /var/lib/mysql/ibdata1 ]; then
    echo "$(date '+%Y-%m-%d %H:%M:%S+00:00') [Note] [Entrypoint]: Initializing database files" >&2
    mkdir -p "/var/lib/mysql/mysql" ${MYSQL_DATABASE:+"/var/lib/mysql/$MYSQL_DATABASE"}
    : > /var/lib/mysql/ibdata1
  fi
fi
exec "$@"

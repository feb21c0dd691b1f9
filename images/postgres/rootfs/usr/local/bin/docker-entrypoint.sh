#!/bin/sh
# docker-lessons offline stand-in for postgres's entrypoint. Like the real one it runs any other command as given
# (`docker run postgres:17 echo hi` prints hi), and refuses to initialise an empty data folder without a superuser
# password: the pitfall the lessons teach.
set -e
if [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi
if [ "$1" = postgres ]; then
  case " $* " in *" --help "*|*" --version "*|*" -V "*|*" --describe-config "*) exec "$@" ;; esac
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD}${POSTGRES_PASSWORD_FILE}" ] && [ "${POSTGRES_HOST_AUTH_METHOD}" != trust ]; then
      cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
MSG
      exit 1
    fi
    echo "The files belonging to this database system will be owned by user \"postgres\"."
    echo "This user must also own the server process."
    echo
    mkdir -p "$PGDATA" "$PGDATA/base" "$PGDATA/global"
    echo "$PG_MAJOR" > "$PGDATA/PG_VERSION"
    echo "Success. You can now start the database server using:"
    echo
    echo "PostgreSQL init process complete; ready for start up."
    echo
  else
    echo
    echo "PostgreSQL Database directory appears to contain a database; Skipping initialization"
    echo
  fi
fi
exec "$@"

#!/bin/sh
# The whoami answer (busybox httpd runs this for "/" because /srv/whoami has no index.html).
printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
[ -n "$WHOAMI_NAME" ] && echo "Name: $WHOAMI_NAME"
echo "Hostname: $(hostname)"
ip -o addr show 2>/dev/null | while read -r _ _ family addr _; do
  case "$family" in inet|inet6) echo "IP: ${addr%/*}" ;; esac
done
# busybox gives "[::ffff:172.18.0.2]" (it listens on IPv6); Go prints an IPv4 client as 172.18.0.2:port.
addr=${REMOTE_ADDR#[}
addr=${addr%]}
addr=${addr#::ffff:}
case "$addr" in *:*) echo "RemoteAddr: [$addr]:$REMOTE_PORT" ;; *) echo "RemoteAddr: $addr:$REMOTE_PORT" ;; esac
printf '%s %s %s\r\n' "$REQUEST_METHOD" "$REQUEST_URI" "$SERVER_PROTOCOL"
printf 'Host: %s\r\n' "$HTTP_HOST"
[ -n "$HTTP_USER_AGENT" ] && printf 'User-Agent: %s\r\n' "$HTTP_USER_AGENT"
env | grep '^HTTP_' | grep -v '^HTTP_HOST=\|^HTTP_USER_AGENT=' | sort | while IFS='=' read -r key value; do
  name=$(echo "${key#HTTP_}" | awk -F_ '{ for (i = 1; i <= NF; i++) $i = toupper(substr($i, 1, 1)) tolower(substr($i, 2)); print }' OFS=-)
  printf '%s: %s\r\n' "$name" "$value"
done
printf '\r\n'

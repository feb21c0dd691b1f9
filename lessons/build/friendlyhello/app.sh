#!/bin/sh
# 代替笔记里的 app.py：生成一个问候页面，再用 busybox httpd 在前台提供服务（前台运行，容器才不会退出）。
mkdir -p /tmp/www
printf '<h3>Hello %s!</h3><b>Hostname:</b> %s<br/><b>Visits:</b> <i>cannot connect to Redis, counter disabled</i>\n' \
  "$NAME" "$(hostname)" > /tmp/www/index.html
exec httpd -f -p 80 -h /tmp/www

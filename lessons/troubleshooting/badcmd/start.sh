#!/bin/sh
# ch21-app 的启动脚本：在 8000 端口提供 /app 里的网页。
echo "ch21-app 启动，监听 8000 端口"
exec httpd -f -v -p 8000 -h /app

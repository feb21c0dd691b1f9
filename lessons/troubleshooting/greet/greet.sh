#!/bin/sh
# 用法：greet [名字]  打印一句问候；不给名字时问候 nobody。
echo "Hello, ${1:-nobody}!"

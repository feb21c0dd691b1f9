#!/bin/sh
# ch21-cache 的“缓存服务”：启动时把 CACHE_MB（默认 48）MB 数据读进内存，然后一直持有它。
mb=${CACHE_MB:-48}
echo "正在把 ${mb} MB 数据载入内存……"
data=$(head -c $((mb * 1000000)) /dev/zero | tr '\000' x)
echo "载入完成：${#data} 字节，开始服务"
touch /tmp/ready
trap 'exit 0' TERM INT
while :; do sleep 1 & wait; done

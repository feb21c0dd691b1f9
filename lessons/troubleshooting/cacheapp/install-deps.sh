#!/bin/sh
# 模拟“安装依赖”：真实项目里这是 npm ci / pip install -r requirements.txt / go mod download，往往要几分钟。
echo "安装 deps.txt 里的依赖（模拟，需要几秒）……"
sleep 3
mkdir -p /app/deps
while read -r name version; do
  [ -n "$name" ] && echo "$version" > "/app/deps/$name" && echo "  装好了 $name $version"
done < deps.txt
# 每次真正执行都会留下不同的记录：这一层被重新构建时，它的内容（层的摘要）就会变。
echo "installed at $(date +%s%N)" > /app/deps/.installed

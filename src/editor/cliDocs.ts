// Hover data for the docker CLI: the subcommands the course notes use (seeds-inventory §4) plus the common ones, each
// with its flags in Chinese and English. `value` marks a flag that takes an argument, which the line parser needs to
// tell `-p 8080:80` (a value) from `nginx` (the image). Pure data: no vscode.
import type { Localized } from './dockerfileDocs';

export interface CliFlagDoc {
  /** Single letter, without the dash. */
  short?: string;
  /** Long name, without the dashes. */
  long?: string;
  /** Placeholder of the flag's argument; absent for switches. */
  value?: string;
  summary: Localized;
  /** A one-line example or pitfall, shown under the summary. */
  tip?: Localized;
}

export interface CliCommandDoc {
  /** Canonical words after `docker`, e.g. "container run". */
  path: string;
  /** Other spellings that mean the same command, e.g. "run", "container create"… */
  aliases?: readonly string[];
  usage: string;
  summary: Localized;
  flags: readonly CliFlagDoc[];
  /** Like the docker CLI, flags after the first argument belong to the program being run (run/exec/create). */
  flagsStopAtFirstArgument?: boolean;
  /** Its subcommand may follow its own flags: `docker compose -f x.yml up`. */
  subcommandAfterFlags?: boolean;
  /** Path on docs.docker.com when it differs from the canonical path. */
  docsPath?: string;
  deprecated?: boolean;
}

export const CLI_REFERENCE = 'https://docs.docker.com/reference/cli/docker/';

/** `f('p', 'publish', '<host>:<container>', zh, en)`; pass '' for a missing short/long name, undefined value for a switch. */
function f(short: string, long: string, value: string | undefined, zh: string, en: string): CliFlagDoc {
  return { ...(short ? { short } : {}), ...(long ? { long } : {}), ...(value ? { value } : {}), summary: { zh, en } };
}

/** The flag with a one-line example or pitfall. */
function tip(flag: CliFlagDoc, zh: string, en: string): CliFlagDoc {
  return { ...flag, tip: { zh, en } };
}

const all = f('a', 'all', undefined, '显示全部（包括已停止的容器 / 中间层镜像）。', 'Show all (including stopped containers / intermediate images).');
const quiet = f('q', 'quiet', undefined, '只输出 ID，常用于 `$(docker … -q)` 组合其他命令。', 'Print IDs only; handy in `$(docker … -q)` to feed other commands.');
const format = f('', 'format', '<template>', '用 Go 模板或 `json`/`table` 自定义输出，例如 `--format "{{.ID}}: {{.Repository}}"`。', 'Format the output with a Go template or `json`/`table`, e.g. `--format "{{.ID}}: {{.Repository}}"`.');
const filter = f('f', 'filter', '<key=value>', '按条件过滤，例如 `-f status=exited`、`-f dangling=true`、`-f label=…`。', 'Filter by a condition, e.g. `-f status=exited`, `-f dangling=true`, `-f label=…`.');
const noTrunc = f('', 'no-trunc', undefined, '不截断输出（显示完整 ID 和命令）。', 'Do not truncate the output (full IDs and commands).');
const forcePrune = f('f', 'force', undefined, '不再询问确认，直接清理。', 'Do not ask for confirmation.');
const pruneFilter = f('', 'filter', '<key=value>', '只清理符合条件的对象，例如 `until=24h`、`label=…`。', 'Prune only matching objects, e.g. `until=24h`, `label=…`.');
const inspectFormat = f('f', 'format', '<template>', '用 Go 模板取出需要的字段，例如 `-f "{{.State.Status}}"`、`-f "{{json .Mounts}}"`。', 'Pick fields with a Go template, e.g. `-f "{{.State.Status}}"`, `-f "{{json .Mounts}}"`.');
const inspectType = f('', 'type', '<type>', '限定对象类型（container、image、volume、network…），名字重复时有用。', 'Restrict to one object type (container, image, volume, network…) when names collide.');
const size = f('s', 'size', undefined, '同时显示文件大小。', 'Also show file sizes.');
const follow = f('f', 'follow', undefined, '持续输出新日志（类似 `tail -f`），按 Ctrl+C 退出。', 'Keep printing new log lines (like `tail -f`); Ctrl+C to quit.');
const tail = f('n', 'tail', '<N>', '只显示最后 N 行（默认 all）。', 'Show only the last N lines (default all).');
const since = f('', 'since', '<time>', '只显示某时间之后的日志，例如 `10m`、`2024-01-01`。', 'Only logs since a time, e.g. `10m`, `2024-01-01`.');
const timestamps = f('t', 'timestamps', undefined, '每行日志前显示时间戳。', 'Prefix every log line with a timestamp.');
const stopTime = f('t', 'time', '<seconds>', '先发 SIGTERM，等待这么多秒后再强制 SIGKILL（默认 10）。', 'Seconds to wait after SIGTERM before SIGKILL (default 10).');
const stopSignal = f('s', 'signal', '<signal>', '改用这个信号停止容器。', 'Signal to stop the container with.');
const label = f('', 'label', '<key=value>', '给对象添加标签（元数据），便于筛选和清理。', 'Add a label (metadata), handy for filtering and clean-up.');
const driverOpt = f('o', 'opt', '<key=value>', '驱动的专属选项。', 'Driver-specific option.');
const platform = f('', 'platform', '<os/arch>', '指定平台，例如 `linux/amd64`、`linux/arm64`。', 'Target platform, e.g. `linux/amd64`, `linux/arm64`.');
const composeFile = f('c', 'compose-file', '<file>', '指定 Compose 文件（v3 格式），可重复多次叠加。', 'Compose file (v3 format) to deploy; repeat to combine files.');
const detachService = f('d', 'detach', undefined, '不等待服务收敛就返回。', 'Return without waiting for the service to converge.');

// `docker run` and `docker create` share almost every flag.
const containerConfigFlags: readonly CliFlagDoc[] = [
  tip(f('i', 'interactive', undefined, '保持标准输入（STDIN）打开，即使没有附加；和 `-t` 合用成 `-it` 进入交互式终端。', 'Keep STDIN open even if not attached; combine with `-t` as `-it` for an interactive terminal.'), '在脚本、CI 或管道里（没有终端）只用 `-i`，带上 `-t` 会报 `the input device is not a TTY`。', 'In scripts, CI or pipes (no terminal) use `-i` alone: `-t` fails with `the input device is not a TTY`.'),
  f('t', 'tty', undefined, '分配一个伪终端（TTY）；`-it` 常用来在容器里开一个交互式 shell。', 'Allocate a pseudo-terminal (TTY); `-it` is the usual way to get an interactive shell.'),
  tip(f('', 'name', '<name>', '给容器起名字，之后可以用名字代替 ID 操作它；名字不能重复。', 'Name the container so you can use the name instead of the ID; names are unique.'), '同名容器已存在（哪怕已停止）会报 `Conflict`：先 `docker rm <名字>`，或换个名字。', 'An existing container of that name (even a stopped one) gives `Conflict`: `docker rm <name>` first, or pick another name.'),
  tip(f('p', 'publish', '<[ip:]host:container[/proto]>', '把容器端口发布到宿主机：`-p 8080:80` 让宿主机 8080 端口转发到容器的 80 端口。', 'Publish a container port on the host: `-p 8080:80` forwards host port 8080 to container port 80.'), '`-p 127.0.0.1:8080:80` 只允许本机访问；不写 IP 时监听所有网卡，而且 Docker 直接写 iptables，ufw/firewalld 的规则拦不住它。', '`-p 127.0.0.1:8080:80` allows local access only; without an IP it listens on every interface, and since Docker writes iptables itself, ufw/firewalld rules do not block it.'),
  f('P', 'publish-all', undefined, '把镜像 `EXPOSE` 的所有端口随机映射到宿主机的高位端口（用 `docker port` 查看）。', 'Publish every `EXPOSE`d port on a random high host port (see `docker port`).'),
  tip(f('', 'rm', undefined, '容器退出后自动删除它，适合一次性的命令。', 'Remove the container when it exits; good for one-off commands.'), '不能和 `--restart` 一起用；容器一停就连同日志一起删掉，排查问题时先去掉它。', 'Cannot be combined with `--restart`; the container and its logs are gone once it stops, so drop it while debugging.'),
  tip(f('v', 'volume', '<src:dest[:ro]>', '挂载数据卷或宿主机目录：`-v mydata:/data`（具名卷）或 `-v $(pwd):/app`（绑定挂载），加 `:ro` 只读。', 'Mount a volume or a host folder: `-v mydata:/data` (named volume) or `-v $(pwd):/app` (bind mount), `:ro` for read-only.'), '冒号前是绝对路径（或 `$(pwd)/…`）才是绑定挂载，否则是卷名：`-v data:/data` 用卷 data；宿主机目录不存在时 `-v` 会自动建一个 root 拥有的空目录。', 'Before the colon, an absolute path (or `$(pwd)/…`) is a bind mount and anything else a volume name: `-v data:/data` uses volume data; a missing host folder is created empty, owned by root.'),
  f('', 'mount', '<type=…,source=…,target=…>', '更明确的挂载写法：`--mount type=volume|bind|tmpfs,source=…,target=…[,readonly]`。源不存在时：`type=bind` 报错（`-v` 则会自动建一个空目录），`type=volume` 自动创建这个具名卷。', 'The explicit mount syntax: `--mount type=volume|bind|tmpfs,source=…,target=…[,readonly]`. A missing source: `type=bind` is an error (where `-v` creates an empty folder), `type=volume` creates the named volume.'),
  f('', 'volumes-from', '<container>', '挂载另一个容器的全部数据卷（数据卷容器的老用法）。', 'Mount all volumes of another container (the old data-volume-container pattern).'),
  f('', 'tmpfs', '<path>', '在容器里挂载一个内存文件系统。', 'Mount an in-memory tmpfs in the container.'),
  tip(f('e', 'env', '<KEY=value>', '设置环境变量。', 'Set an environment variable.'), '`-e KEY` 不写值时取当前 shell 里的同名变量；值会出现在 `docker inspect` 里，不适合放密码。', '`-e KEY` without a value passes the current shell\'s variable; values show in `docker inspect`, so keep passwords out.'),
  f('', 'env-file', '<file>', '从文件读取环境变量（每行 `KEY=value`）。', 'Read environment variables from a file (`KEY=value` per line).'),
  f('', 'network', '<network>', '连接到指定网络：`bridge`（默认）、`host`、`none`、`container:<名字>` 或自建网络；同一自建网络上的容器可以用名字互相访问。', 'Connect to a network: `bridge` (default), `host`, `none`, `container:<name>` or a user-defined one, where containers reach each other by name.'),
  f('', 'net', '<network>', '`--network` 的旧写法。', 'Old spelling of `--network`.'),
  f('', 'network-alias', '<alias>', '在网络中为容器添加别名。', 'Add a network-scoped alias for the container.'),
  f('', 'ip', '<address>', '指定容器在自建网络中的 IPv4 地址（网络需用 `--subnet` 创建）。', 'Static IPv4 address on a user-defined network (created with `--subnet`).'),
  f('', 'link', '<name:alias>', '（已过时）连接到另一个容器并通过别名访问；请改用自建网络。', '(Legacy) Link to another container by alias; use a user-defined network instead.'),
  f('', 'dns', '<ip>', '为容器指定 DNS 服务器。', 'DNS server for the container.'),
  f('', 'dns-search', '<domain>', '为容器指定 DNS 搜索域。', 'DNS search domain for the container.'),
  f('h', 'hostname', '<name>', '设置容器的主机名（注意：在 `docker run` 里 `-h` 不是帮助）。', 'Set the container\'s host name (note: in `docker run`, `-h` is not help).'),
  f('', 'add-host', '<host:ip>', '在容器的 /etc/hosts 中添加一条记录。', 'Add an entry to the container\'s /etc/hosts.'),
  tip(f('', 'restart', '<policy>', '重启策略：`no`（默认）、`on-failure[:次数]`、`always`、`unless-stopped`。', 'Restart policy: `no` (default), `on-failure[:max]`, `always`, `unless-stopped`.'), '手动 `docker stop` 之后：`always` 在 dockerd 重启时仍会把容器拉起来，`unless-stopped` 不会。', 'After a manual `docker stop`: `always` starts the container again when dockerd restarts, `unless-stopped` does not.'),
  tip(f('', 'entrypoint', '<command>', '覆盖镜像的 `ENTRYPOINT`。', 'Override the image\'s `ENTRYPOINT`.'), '只写程序本身，参数放到镜像名后面：`docker run --entrypoint ls busybox -l /`。', 'Give the program only; its arguments go after the image: `docker run --entrypoint ls busybox -l /`.'),
  f('w', 'workdir', '<dir>', '容器内的工作目录，覆盖 `WORKDIR`。', 'Working directory inside the container, overriding `WORKDIR`.'),
  f('u', 'user', '<user[:group]>', '以指定用户运行，覆盖 `USER`。', 'Run as this user, overriding `USER`.'),
  f('l', 'label', '<key=value>', '给容器添加标签（元数据）。', 'Add a label (metadata) to the container.'),
  f('m', 'memory', '<bytes>', '内存上限，例如 `-m 200M`；超出会被内核 OOM 杀掉。', 'Memory limit, e.g. `-m 200M`; exceeding it gets the process OOM-killed.'),
  f('', 'memory-swap', '<bytes>', '内存加交换分区的总上限；`-1` 表示不限 swap。', 'Limit of memory plus swap; `-1` for unlimited swap.'),
  f('', 'memory-reservation', '<bytes>', '内存软限制。', 'Soft memory limit.'),
  f('c', 'cpu-shares', '<weight>', 'CPU 权重（默认 1024），只在 CPU 紧张时按比例分配。', 'CPU weight (default 1024), applied proportionally only under contention.'),
  f('', 'cpus', '<number>', '最多能用几个 CPU，例如 `--cpus 1.5`。', 'Number of CPUs the container may use, e.g. `--cpus 1.5`.'),
  f('', 'cpuset-cpus', '<list>', '限定在哪些 CPU 核上运行，例如 `0-2` 或 `0,1`。', 'CPUs the container may run on, e.g. `0-2` or `0,1`.'),
  f('', 'blkio-weight', '<10-1000>', '块设备 IO 权重（默认 500），按比例分配磁盘带宽。', 'Block IO weight (default 500), shares disk bandwidth proportionally.'),
  f('', 'device-read-bps', '<path:rate>', '限制读某设备的速率，例如 `/dev/sda:30mb`。', 'Limit read rate from a device, e.g. `/dev/sda:30mb`.'),
  f('', 'device-write-bps', '<path:rate>', '限制写某设备的速率，例如 `/dev/sda:30mb`。', 'Limit write rate to a device, e.g. `/dev/sda:30mb`.'),
  f('', 'device-read-iops', '<path:rate>', '限制读某设备的 IOPS。', 'Limit read IO per second from a device.'),
  f('', 'device-write-iops', '<path:rate>', '限制写某设备的 IOPS。', 'Limit write IO per second to a device.'),
  f('', 'pids-limit', '<N>', '容器内最多能有多少进程。', 'Maximum number of processes in the container.'),
  tip(f('', 'privileged', undefined, '给容器几乎全部宿主机权限，危险，尽量不要用。', 'Give the container nearly all host privileges; dangerous, avoid it.'), '容器能看到宿主机全部设备、大部分隔离被关闭，基本等于宿主机 root；只缺某项能力时用 `--cap-add`。', 'The container sees every host device and most isolation is off: close to root on the host; if one capability is missing, use `--cap-add`.'),
  f('', 'cap-add', '<capability>', '添加 Linux 能力（capability）。', 'Add a Linux capability.'),
  f('', 'cap-drop', '<capability>', '去掉 Linux 能力，例如 `--cap-drop ALL`。', 'Drop a Linux capability, e.g. `--cap-drop ALL`.'),
  f('', 'security-opt', '<option>', '安全选项，例如 `no-new-privileges`、seccomp/AppArmor 配置。', 'Security option, e.g. `no-new-privileges`, seccomp/AppArmor profiles.'),
  f('', 'read-only', undefined, '把容器的根文件系统挂成只读。', 'Mount the container\'s root filesystem read-only.'),
  f('', 'init', undefined, '在容器里运行一个小的 init 进程，负责转发信号和回收僵尸进程。', 'Run a tiny init inside the container that forwards signals and reaps zombies.'),
  f('', 'stop-signal', '<signal>', '停止容器时发送的信号，覆盖 `STOPSIGNAL`。', 'Signal used to stop the container, overriding `STOPSIGNAL`.'),
  f('', 'health-cmd', '<command>', '健康检查命令，覆盖 `HEALTHCHECK`。', 'Health check command, overriding `HEALTHCHECK`.'),
  f('', 'health-interval', '<duration>', '健康检查间隔。', 'Time between health checks.'),
  f('', 'no-healthcheck', undefined, '关闭镜像里定义的健康检查。', 'Disable the image\'s health check.'),
  f('', 'log-driver', '<driver>', '容器的日志驱动。', 'Logging driver for the container.'),
  f('', 'platform', '<os/arch>', '指定镜像平台，例如 `linux/arm64`。', 'Image platform, e.g. `linux/arm64`.'),
  f('', 'pull', '<always|missing|never>', '运行前何时拉取镜像（默认 missing）。', 'When to pull the image before running (default missing).'),
  f('', 'ulimit', '<name=soft:hard>', '设置 ulimit，例如 `nofile=1024:2048`。', 'Set a ulimit, e.g. `nofile=1024:2048`.'),
  f('', 'pid', '<mode>', 'PID 命名空间，例如 `host` 或 `container:<名字>`。', 'PID namespace, e.g. `host` or `container:<name>`.'),
  f('', 'ipc', '<mode>', 'IPC 命名空间。', 'IPC namespace.'),
  f('', 'userns', '<mode>', '用户命名空间模式。', 'User namespace mode.'),
  f('', 'gpus', '<devices>', '把 GPU 交给容器，例如 `--gpus all`。', 'GPUs to hand to the container, e.g. `--gpus all`.'),
  f('', 'device', '<host:container>', '把宿主机设备加入容器。', 'Add a host device to the container.'),
];

const runOnlyFlags: readonly CliFlagDoc[] = [
  tip(f('d', 'detach', undefined, '在后台运行容器并打印容器 ID；不加时容器在前台运行，输出直接显示在终端。', 'Run the container in the background and print its ID; without it the container runs in the foreground.'), '之后用 `docker logs -f <名字>` 看输出；主进程一结束容器就停止，后台运行不会让它一直活着。', 'Follow its output with `docker logs -f <name>`; the container stops when its main process ends, detached or not.'),
  f('a', 'attach', '<STDIN|STDOUT|STDERR>', '附加到指定的标准流。', 'Attach to the given standard stream.'),
  f('', 'sig-proxy', undefined, '把收到的信号转发给容器进程（默认开启）。', 'Forward received signals to the container process (on by default).'),
];

const buildFlags: readonly CliFlagDoc[] = [
  tip(f('t', 'tag', '<name[:tag]>', '给构建出的镜像起名字和标签，例如 `-t myapp:1.0`，可重复。', 'Name and tag the image, e.g. `-t myapp:1.0`; may repeat.'), '不加 `-t` 时镜像没有名字，列表里显示 `<none>`；只写名字时标签是 `latest`。', 'Without `-t` the image has no name and shows as `<none>`; a name without a tag gets `latest`.'),
  tip(f('f', 'file', '<Dockerfile>', '指定 Dockerfile 路径（默认是上下文里的 `Dockerfile`）；`-f -` 从标准输入读取。', 'Path of the Dockerfile (default `Dockerfile` in the context); `-f -` reads it from standard input.'), '`-f` 的路径相对当前目录，构建上下文仍是命令最后的那个参数：`docker build -f docker/Dockerfile .`。', 'The path is relative to the current folder, and the context is still the last argument: `docker build -f docker/Dockerfile .`.'),
  tip(f('', 'build-arg', '<NAME=value>', '给 Dockerfile 中的 `ARG` 传值。', 'Set the value of an `ARG` in the Dockerfile.'), '值会留在 `docker history` 里，不要用它传密码（用 `--secret`）。', 'The value stays visible in `docker history`; never pass passwords this way (use `--secret`).'),
  tip(f('', 'target', '<stage>', '多阶段构建时只构建到指定阶段（`FROM … AS <名字>`）。', 'In a multi-stage build, stop at this stage (`FROM … AS <name>`).'), '例如 `docker build --target build -t app:build .`，调试多阶段构建时很有用；值是 `FROM … AS <名字>` 里的阶段名。', 'E.g. `docker build --target build -t app:build .`, handy for debugging multi-stage builds; the value is a stage name from `FROM … AS <name>`.'),
  tip(f('', 'no-cache', undefined, '不使用构建缓存，每一步都重新执行。', 'Do not use the build cache; rerun every step.'), '基础镜像不会因此重新拉取，要更新基础镜像再加 `--pull`。', 'It does not pull base images again; add `--pull` to refresh them.'),
  f('', 'pull', undefined, '总是尝试拉取基础镜像的新版本。', 'Always try to pull newer base images.'),
  f('', 'secret', '<id=…,src=…>', '把机密文件交给 `RUN --mount=type=secret` 使用，不会留在镜像里（BuildKit）。', 'Give a secret file to `RUN --mount=type=secret`; it never ends up in the image (BuildKit).'),
  f('', 'ssh', '<default|id=path>', '把 SSH 代理或密钥交给 `RUN --mount=type=ssh` 使用（BuildKit）。', 'Give the SSH agent or keys to `RUN --mount=type=ssh` (BuildKit).'),
  f('', 'platform', '<os/arch>', '为指定平台构建，例如 `linux/amd64,linux/arm64`。', 'Build for this platform, e.g. `linux/amd64,linux/arm64`.'),
  f('q', 'quiet', undefined, '不输出构建过程，成功后只打印镜像 ID。', 'Suppress the build output and print the image ID on success.'),
  tip(f('', 'progress', '<auto|plain|tty>', '构建进度的显示方式；`plain` 显示完整输出。', 'How to show progress; `plain` shows the full output.'), 'BuildKit 默认把 RUN 的输出折叠起来，`--progress=plain` 才能看到完整输出。', 'BuildKit folds RUN output by default; `--progress=plain` shows all of it.'),
  f('', 'network', '<mode>', '构建时 `RUN` 使用的网络。', 'Network for `RUN` steps during the build.'),
  f('', 'label', '<key=value>', '给镜像添加标签。', 'Add a label to the image.'),
  f('', 'rm', undefined, '构建成功后删除中间容器（默认开启）。', 'Remove intermediate containers after a successful build (default on).'),
  f('', 'force-rm', undefined, '总是删除中间容器。', 'Always remove intermediate containers.'),
  f('', 'squash', undefined, '（实验性）把新建的层压成一层。', '(Experimental) Squash new layers into one.'),
  f('', 'cache-from', '<source>', '把指定镜像或缓存源作为构建缓存。', 'Use this image or cache source as build cache.'),
  f('', 'iidfile', '<file>', '把镜像 ID 写入文件。', 'Write the image ID to a file.'),
];

const buildxOnlyFlags: readonly CliFlagDoc[] = [
  f('', 'push', undefined, '构建完成后直接推送到镜像仓库（多平台镜像必须这样导出）。', 'Push the result to the registry (the way to export multi-platform images).'),
  f('', 'load', undefined, '把结果加载到本地 `docker images` 中。', 'Load the result into the local image store.'),
  f('o', 'output', '<type=…>', '指定输出方式，例如 `type=local,dest=out`。', 'Output destination, e.g. `type=local,dest=out`.'),
  f('', 'builder', '<name>', '使用指定的 builder 实例。', 'Builder instance to use.'),
  f('', 'cache-to', '<dest>', '把构建缓存导出到指定位置。', 'Export the build cache to a destination.'),
];

const composeFileFlags: readonly CliFlagDoc[] = [
  f('f', 'file', '<file>', '指定 Compose 文件（默认 `compose.yaml` / `docker-compose.yml`）。', 'Compose file to use (default `compose.yaml` / `docker-compose.yml`).'),
  f('p', 'project-name', '<name>', '项目名（默认是目录名），会作为容器名前缀。', 'Project name (default: folder name), used as container name prefix.'),
];

export const CLI_COMMANDS: readonly CliCommandDoc[] = [
  // ── containers ─────────────────────────────────────────────────────────────
  {
    path: 'container run', aliases: ['run'], usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]', flagsStopAtFirstArgument: true,
    summary: { zh: '用镜像新建并启动一个容器（= `docker create` + `docker start`）；本地没有镜像时会先拉取。', en: 'Create and start a container from an image (= `docker create` + `docker start`); pulls the image if missing.' },
    flags: [...runOnlyFlags, ...containerConfigFlags],
  },
  {
    path: 'container create', aliases: ['create'], usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]', flagsStopAtFirstArgument: true,
    summary: { zh: '新建一个容器但不启动它（状态为 created），之后用 `docker start` 启动。', en: 'Create a container without starting it (state created); start it later with `docker start`.' },
    flags: containerConfigFlags,
  },
  {
    path: 'container ls', aliases: ['ps', 'container ps', 'container list'], usage: 'docker ps [OPTIONS]',
    summary: { zh: '列出容器；默认只显示正在运行的，加 `-a` 显示全部。', en: 'List containers; running ones by default, `-a` for all.' },
    flags: [all, quiet, filter, format, noTrunc, size,
      f('l', 'latest', undefined, '只显示最近创建的一个容器。', 'Show only the latest created container.'),
      f('n', 'last', '<N>', '显示最近创建的 N 个容器。', 'Show the N last created containers.')],
  },
  {
    path: 'container start', aliases: ['start'], usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '启动已停止（或刚创建）的容器。', en: 'Start stopped (or just created) containers.' },
    flags: [f('a', 'attach', undefined, '附加到容器的输出并转发信号。', 'Attach to the container\'s output and forward signals.'),
      f('i', 'interactive', undefined, '附加容器的标准输入。', 'Attach the container\'s STDIN.')],
  },
  {
    path: 'container stop', aliases: ['stop'], usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '停止运行中的容器：先发 SIGTERM，超时后发 SIGKILL。', en: 'Stop running containers: SIGTERM first, SIGKILL after the timeout.' },
    flags: [stopTime, stopSignal],
  },
  {
    path: 'container restart', aliases: ['restart'], usage: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '重启容器（先停止再启动）。', en: 'Restart containers (stop, then start).' },
    flags: [stopTime, stopSignal],
  },
  {
    path: 'container rm', aliases: ['rm', 'container remove'], usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '删除容器；运行中的容器需要先停止，或加 `-f` 强制删除。', en: 'Remove containers; a running one must be stopped first, or use `-f`.' },
    flags: [tip(f('f', 'force', undefined, '强制删除运行中的容器（先 SIGKILL）。', 'Force removal of a running container (SIGKILL first).'),
      '程序没有机会收尾（不会收到 SIGTERM）；要正常停止，先 `docker stop` 再 `docker rm`。', 'The program gets no chance to clean up (no SIGTERM); to stop it gracefully, `docker stop` then `docker rm`.'),
      tip(f('v', 'volumes', undefined, '同时删除容器的匿名卷。', 'Also remove the container\'s anonymous volumes.'),
        '匿名卷里的数据随之丢失；具名卷（`-v 名字:/路径`）不受影响。', 'The data in anonymous volumes is lost; named volumes (`-v name:/path`) are kept.'),
      f('l', 'link', undefined, '删除指定的容器连接（link）。', 'Remove the specified link.')],
  },
  {
    path: 'container kill', aliases: ['kill'], usage: 'docker kill [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '立即杀死运行中的容器（默认发 SIGKILL）。', en: 'Kill running containers at once (SIGKILL by default).' },
    flags: [f('s', 'signal', '<signal>', '要发送的信号。', 'Signal to send.')],
  },
  {
    path: 'container pause', aliases: ['pause'], usage: 'docker pause CONTAINER [CONTAINER...]',
    summary: { zh: '暂停容器里的所有进程（cgroup freezer）。', en: 'Pause all processes in the containers (cgroup freezer).' }, flags: [],
  },
  {
    path: 'container unpause', aliases: ['unpause'], usage: 'docker unpause CONTAINER [CONTAINER...]',
    summary: { zh: '恢复被暂停的容器。', en: 'Resume paused containers.' }, flags: [],
  },
  {
    path: 'container exec', aliases: ['exec'], usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', flagsStopAtFirstArgument: true,
    summary: { zh: '在运行中的容器里执行一条命令；`docker exec -it <容器> sh` 进入容器，退出时容器不会停止。', en: 'Run a command in a running container; `docker exec -it <container> sh` gets a shell, and leaving it does not stop the container.' },
    flags: [
      f('i', 'interactive', undefined, '保持标准输入打开。', 'Keep STDIN open.'),
      f('t', 'tty', undefined, '分配伪终端；交互式 shell 用 `-it`。', 'Allocate a pseudo-terminal; use `-it` for an interactive shell.'),
      f('d', 'detach', undefined, '在后台执行命令。', 'Run the command in the background.'),
      f('e', 'env', '<KEY=value>', '设置环境变量。', 'Set an environment variable.'),
      f('u', 'user', '<user>', '以指定用户执行。', 'Run as this user.'),
      f('w', 'workdir', '<dir>', '在容器内的这个目录执行。', 'Working directory inside the container.'),
      f('', 'privileged', undefined, '给这条命令扩展权限。', 'Give extended privileges to the command.'),
    ],
  },
  {
    path: 'container attach', aliases: ['attach'], usage: 'docker attach [OPTIONS] CONTAINER',
    summary: { zh: '把终端附加到容器主进程的输入输出；在里面 `exit` 会让容器停止，用 Ctrl+P Ctrl+Q 可以脱离。', en: 'Attach your terminal to the main process; `exit` there stops the container, Ctrl+P Ctrl+Q detaches.' },
    flags: [f('', 'detach-keys', '<keys>', '脱离容器的快捷键（默认 ctrl-p,ctrl-q）。', 'Key sequence to detach (default ctrl-p,ctrl-q).'),
      f('', 'no-stdin', undefined, '不附加标准输入。', 'Do not attach STDIN.')],
  },
  {
    path: 'container logs', aliases: ['logs'], usage: 'docker logs [OPTIONS] CONTAINER',
    summary: { zh: '查看容器主进程输出到标准输出/错误的日志。', en: 'Show what the container\'s main process wrote to stdout/stderr.' },
    flags: [follow, tail, since, timestamps, f('', 'until', '<time>', '只显示某时间之前的日志。', 'Only logs before a time.')],
  },
  {
    path: 'container inspect', usage: 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '以 JSON 显示容器的详细信息（状态、挂载、网络、IP…）。', en: 'Show a container\'s details as JSON (state, mounts, networks, IP…).' },
    flags: [inspectFormat, size],
  },
  {
    path: 'container port', aliases: ['port'], usage: 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]',
    summary: { zh: '查看容器端口映射到了宿主机的哪个地址和端口。', en: 'Show which host address and port a container port is published on.' }, flags: [],
  },
  {
    path: 'container rename', aliases: ['rename'], usage: 'docker rename CONTAINER NEW_NAME',
    summary: { zh: '给容器改名。', en: 'Rename a container.' }, flags: [],
  },
  {
    path: 'container commit', aliases: ['commit'], usage: 'docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
    summary: { zh: '把容器的改动保存成新镜像；这样做的镜像是“黑箱”，实际工作中请用 Dockerfile。', en: 'Save a container\'s changes as a new image; such images are black boxes, prefer a Dockerfile.' },
    flags: [f('m', 'message', '<text>', '提交说明。', 'Commit message.'),
      f('a', 'author', '<name>', '作者信息。', 'Author.'),
      f('c', 'change', '<instruction>', '同时应用一条 Dockerfile 指令，例如 `-c "CMD [\\"nginx\\"]"`。', 'Apply a Dockerfile instruction, e.g. `-c "CMD [\\"nginx\\"]"`.'),
      f('p', 'pause', undefined, '提交期间暂停容器（默认开启）。', 'Pause the container while committing (default on).')],
  },
  {
    path: 'container export', aliases: ['export'], usage: 'docker export [OPTIONS] CONTAINER',
    summary: { zh: '把容器的文件系统导出为 tar 包（不含历史和元数据，可用 `docker import` 导入）。', en: 'Export a container\'s filesystem as a tar archive (no history or metadata; `docker import` reads it).' },
    flags: [f('o', 'output', '<file>', '写入文件而不是标准输出。', 'Write to a file instead of STDOUT.')],
  },
  {
    path: 'container diff', aliases: ['diff'], usage: 'docker diff CONTAINER',
    summary: { zh: '列出容器存储层里被改动的文件：A 新增、C 修改、D 删除。', en: 'List files changed in the container\'s layer: A added, C changed, D deleted.' }, flags: [],
  },
  {
    path: 'container top', aliases: ['top'], usage: 'docker top CONTAINER [ps OPTIONS]',
    summary: { zh: '查看容器里运行的进程。', en: 'Show the processes running in a container.' }, flags: [],
  },
  {
    path: 'container stats', aliases: ['stats'], usage: 'docker stats [OPTIONS] [CONTAINER...]',
    summary: { zh: '实时显示容器的 CPU、内存、网络和 IO 使用情况。', en: 'Live CPU, memory, network and IO usage of containers.' },
    flags: [all, format, f('', 'no-stream', undefined, '只输出一次，不持续刷新。', 'Print once instead of streaming.')],
  },
  {
    path: 'container cp', aliases: ['cp'], usage: 'docker cp CONTAINER:SRC_PATH DEST_PATH | SRC_PATH CONTAINER:DEST_PATH',
    summary: { zh: '在容器和宿主机之间复制文件。', en: 'Copy files between a container and the host.' },
    flags: [f('a', 'archive', undefined, '保留 UID/GID 信息。', 'Keep UID/GID information.')],
  },
  {
    path: 'container wait', aliases: ['wait'], usage: 'docker wait CONTAINER [CONTAINER...]',
    summary: { zh: '等待容器停止并打印退出码。', en: 'Wait for containers to stop and print their exit codes.' }, flags: [],
  },
  {
    path: 'container update', aliases: ['update'], usage: 'docker update [OPTIONS] CONTAINER [CONTAINER...]',
    summary: { zh: '修改运行中容器的资源限制或重启策略。', en: 'Change resource limits or the restart policy of containers.' },
    flags: containerConfigFlags.filter((flag) => ['memory', 'memory-swap', 'cpu-shares', 'cpus', 'cpuset-cpus', 'blkio-weight', 'restart', 'pids-limit'].includes(flag.long ?? '')),
  },
  {
    path: 'container prune', usage: 'docker container prune [OPTIONS]',
    summary: { zh: '删除所有已停止的容器。', en: 'Remove all stopped containers.' }, flags: [forcePrune, pruneFilter],
  },
  // ── images ─────────────────────────────────────────────────────────────────
  {
    path: 'image build', aliases: ['build', 'builder build'], usage: 'docker build [OPTIONS] PATH | URL | -', docsPath: 'buildx/build',
    summary: { zh: '按 Dockerfile 构建镜像；最后的 `.` 是构建上下文（发给引擎的目录），不是 Dockerfile 的路径。', en: 'Build an image from a Dockerfile; the final `.` is the build context (the folder sent to the engine), not the Dockerfile path.' },
    flags: buildFlags,
  },
  {
    path: 'image ls', aliases: ['images', 'image list'], usage: 'docker image ls [OPTIONS] [REPOSITORY[:TAG]]',
    summary: { zh: '列出本地镜像；默认不显示中间层镜像。', en: 'List local images; intermediate images are hidden by default.' },
    flags: [f('a', 'all', undefined, '显示全部镜像（包括中间层镜像）。', 'Show all images (including intermediate ones).'), quiet, filter, format, noTrunc,
      f('', 'digests', undefined, '显示镜像摘要（digest）。', 'Show digests.'),
      f('', 'tree', undefined, '以树形显示多平台镜像。', 'Show multi-platform images as a tree.')],
  },
  {
    path: 'image pull', aliases: ['pull'], usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
    summary: { zh: '从镜像仓库下载镜像；不写标签时默认 `latest`，不写仓库地址时默认 Docker Hub。', en: 'Download an image from a registry; the tag defaults to `latest`, the registry to Docker Hub.' },
    flags: [f('a', 'all-tags', undefined, '拉取该仓库的所有标签。', 'Pull every tag of the repository.'), platform, quiet],
  },
  {
    path: 'image push', aliases: ['push'], usage: 'docker push [OPTIONS] NAME[:TAG]',
    summary: { zh: '把镜像上传到镜像仓库；镜像名需带上仓库地址或用户名前缀，并先 `docker login`。', en: 'Upload an image to a registry; the name needs the registry or user prefix, and `docker login` first.' },
    flags: [f('a', 'all-tags', undefined, '推送该仓库的所有标签。', 'Push every tag of the repository.'), quiet],
  },
  {
    path: 'image rm', aliases: ['rmi', 'image remove'], usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
    summary: { zh: '删除镜像（实际是取消标签，再删除没有被引用的层）；有容器在用时需先删容器或加 `-f`。', en: 'Remove images (untag, then delete unreferenced layers); containers using it must go first, or use `-f`.' },
    flags: [f('f', 'force', undefined, '强制删除。', 'Force removal.'), f('', 'no-prune', undefined, '不删除没有标签的父镜像。', 'Do not delete untagged parents.')],
  },
  {
    path: 'image tag', aliases: ['tag'], usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    summary: { zh: '给镜像加一个新名字（标签），不会复制数据；推送前常用来加上仓库地址。', en: 'Give an image another name (tag) without copying data; used to add a registry prefix before pushing.' }, flags: [],
  },
  {
    path: 'image history', aliases: ['history'], usage: 'docker history [OPTIONS] IMAGE',
    summary: { zh: '显示镜像每一层是由哪条指令产生的、各有多大。', en: 'Show which instruction created each layer of an image, and its size.' },
    flags: [noTrunc, quiet, format, f('H', 'human', undefined, '以易读格式显示大小和日期（默认开启）。', 'Human-readable sizes and dates (default on).')],
  },
  {
    path: 'image inspect', usage: 'docker image inspect [OPTIONS] IMAGE [IMAGE...]',
    summary: { zh: '以 JSON 显示镜像的详细信息（层、配置、环境变量…）。', en: 'Show an image\'s details as JSON (layers, config, environment…).' }, flags: [inspectFormat],
  },
  {
    path: 'image save', aliases: ['save'], usage: 'docker save [OPTIONS] IMAGE [IMAGE...]',
    summary: { zh: '把一个或多个镜像（连同历史和标签）保存为 tar 包，可用 `docker load` 恢复。', en: 'Save images (with history and tags) to a tar archive; `docker load` restores it.' },
    flags: [f('o', 'output', '<file>', '写入文件而不是标准输出。', 'Write to a file instead of STDOUT.'), platform],
  },
  {
    path: 'image load', aliases: ['load'], usage: 'docker load [OPTIONS]',
    summary: { zh: '从 `docker save` 生成的 tar 包载入镜像。', en: 'Load images from a tar archive made by `docker save`.' },
    flags: [f('i', 'input', '<file>', '从文件读取而不是标准输入。', 'Read from a file instead of STDIN.'), quiet],
  },
  {
    path: 'image import', aliases: ['import'], usage: 'docker import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
    summary: { zh: '从 tar 包（如 `docker export` 的结果）创建只有一层的镜像。', en: 'Create a single-layer image from a tarball (e.g. `docker export` output).' },
    flags: [f('c', 'change', '<instruction>', '同时应用一条 Dockerfile 指令。', 'Apply a Dockerfile instruction.'), f('m', 'message', '<text>', '提交说明。', 'Commit message.')],
  },
  {
    path: 'image prune', usage: 'docker image prune [OPTIONS]',
    summary: { zh: '删除悬空镜像（没有标签的）；加 `-a` 删除所有没被容器使用的镜像。', en: 'Remove dangling (untagged) images; `-a` removes every image no container uses.' },
    flags: [tip(f('a', 'all', undefined, '删除所有未被使用的镜像，而不只是悬空镜像。', 'Remove all unused images, not just dangling ones.'),
      '也会删掉暂时没有容器在用、以后还要用的基础镜像，下次构建要重新拉取。', 'It also removes base images no container uses right now, which the next build must pull again.'), forcePrune, pruneFilter],
  },
  // ── general ────────────────────────────────────────────────────────────────
  {
    path: 'inspect', usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
    summary: { zh: '以 JSON 显示 Docker 对象（容器、镜像、卷、网络…）的底层信息。', en: 'Show low-level JSON details of Docker objects (containers, images, volumes, networks…).' },
    flags: [inspectFormat, inspectType, size],
  },
  {
    path: 'search', usage: 'docker search [OPTIONS] TERM',
    summary: { zh: '在 Docker Hub 上搜索镜像。', en: 'Search Docker Hub for images.' },
    flags: [f('f', 'filter', '<key=value>', '过滤结果，例如 `--filter=stars=10`、`is-official=true`。', 'Filter results, e.g. `--filter=stars=10`, `is-official=true`.'),
      f('', 'limit', '<N>', '最多显示多少条结果。', 'Maximum number of results.'), noTrunc, format],
  },
  {
    path: 'login', usage: 'docker login [OPTIONS] [SERVER]',
    summary: { zh: '登录镜像仓库（默认 Docker Hub）；凭据会保存在本机。', en: 'Log in to a registry (Docker Hub by default); credentials are stored locally.' },
    flags: [f('u', 'username', '<name>', '用户名。', 'User name.'), f('p', 'password', '<password>', '密码（会留在 shell 历史里，建议用 `--password-stdin`）。', 'Password (ends up in shell history; prefer `--password-stdin`).'),
      f('', 'password-stdin', undefined, '从标准输入读取密码。', 'Read the password from STDIN.')],
  },
  {
    path: 'logout', usage: 'docker logout [SERVER]',
    summary: { zh: '退出镜像仓库登录并删除保存的凭据。', en: 'Log out of a registry and delete the stored credentials.' }, flags: [],
  },
  {
    path: 'system info', aliases: ['info'], usage: 'docker info [OPTIONS]',
    summary: { zh: '显示 Docker 引擎的全局信息：版本、存储驱动、容器和镜像数量、镜像加速器…', en: 'Show engine-wide information: version, storage driver, container and image counts, registry mirrors…' },
    flags: [format],
  },
  {
    path: 'version', usage: 'docker version [OPTIONS]',
    summary: { zh: '显示 Docker 客户端和服务端（引擎）的版本。', en: 'Show the Docker client and server (engine) versions.' },
    flags: [f('f', 'format', '<template>', '用 Go 模板输出，例如 `-f "{{.Server.Version}}"`。', 'Format with a Go template, e.g. `-f "{{.Server.Version}}"`.')],
  },
  {
    path: 'system events', aliases: ['events'], usage: 'docker events [OPTIONS]',
    summary: { zh: '实时显示引擎产生的事件（容器创建、启动、停止…）。', en: 'Stream engine events in real time (container create, start, stop…).' },
    flags: [filter, format, since, f('', 'until', '<time>', '显示到某个时间为止。', 'Stream until a time.')],
  },
  {
    path: 'system df', usage: 'docker system df [OPTIONS]',
    summary: { zh: '查看镜像、容器、卷和构建缓存占用的磁盘空间。', en: 'Show disk space used by images, containers, volumes and build cache.' },
    flags: [f('v', 'verbose', undefined, '逐个列出每个对象的占用。', 'List usage per object.'), format],
  },
  {
    path: 'system prune', usage: 'docker system prune [OPTIONS]',
    summary: { zh: '一次删除已停止的容器、未使用的网络、悬空镜像和构建缓存——会影响这台机器上的所有项目，请小心。', en: 'Remove stopped containers, unused networks, dangling images and build cache at once — it affects every project on this machine.' },
    flags: [f('a', 'all', undefined, '删除所有未被使用的镜像，而不只是悬空镜像。', 'Remove all unused images, not just dangling ones.'),
      f('', 'volumes', undefined, '连未使用的卷一起删除（数据会丢失）。', 'Also remove unused volumes (data is lost).'), forcePrune, pruneFilter],
  },
  {
    path: 'init', usage: 'docker init [OPTIONS]',
    summary: {
      zh: '在当前项目目录里交互式生成 Dockerfile、compose.yaml、.dockerignore 和 README.Docker.md（按语言选择模板）；随 Docker Desktop 提供，已有同名文件时会先询问。',
      en: 'Interactively create a Dockerfile, compose.yaml, .dockerignore and README.Docker.md for the project in this folder (templates per language); ships with Docker Desktop and asks before overwriting files.',
    },
    flags: [f('', 'version', undefined, '显示 docker init 的版本。', 'Show the version of docker init.')],
  },
  {
    path: 'debug', usage: 'docker debug [OPTIONS] {CONTAINER|IMAGE}',
    summary: {
      zh: '进入任意容器或镜像调试，即使是没有 shell 的精简镜像：附带一套常用工具（vim、curl、htop…），不改动容器本身；是 Docker Desktop 的功能，纯 docker-ce 没有。',
      en: 'Debug any container or image, even slim ones without a shell: brings a toolbox (vim, curl, htop…) without changing the container; a Docker Desktop feature, not part of plain docker-ce.',
    },
    flags: [f('', 'shell', '<bash|fish|zsh|auto>', '使用哪种 shell（默认 auto）。', 'Shell to use (default auto).'),
      f('c', 'command', '<command>', '不进入交互 shell，只执行这条命令。', 'Run this command instead of an interactive shell.')],
    flagsStopAtFirstArgument: true,
  },
  {
    path: 'help', usage: 'docker help [COMMAND]',
    summary: { zh: '显示帮助；也可以在任何命令后加 `--help`。', en: 'Show help; `--help` after any command works too.' }, flags: [],
  },
  // ── networks ───────────────────────────────────────────────────────────────
  {
    path: 'network create', usage: 'docker network create [OPTIONS] NETWORK',
    summary: { zh: '创建网络；同一自建 bridge 网络上的容器可以用容器名互相访问（内置 DNS）。', en: 'Create a network; containers on the same user-defined bridge reach each other by name (built-in DNS).' },
    flags: [f('d', 'driver', '<driver>', '网络驱动：`bridge`（默认）、`overlay`（Swarm 跨主机）、`macvlan`…（在这里 `-d` 不是后台运行）。', 'Network driver: `bridge` (default), `overlay` (Swarm, multi-host), `macvlan`… (here `-d` is not detach).'),
      f('', 'subnet', '<CIDR>', '网段，例如 `172.22.16.0/24`。', 'Subnet, e.g. `172.22.16.0/24`.'),
      f('', 'gateway', '<ip>', '网关地址。', 'Gateway address.'),
      f('', 'ip-range', '<CIDR>', '容器分配地址的范围。', 'Range to allocate container IPs from.'),
      f('', 'attachable', undefined, '允许普通容器连接到 overlay 网络。', 'Let standalone containers join an overlay network.'),
      f('', 'internal', undefined, '禁止访问外部网络。', 'Restrict external access.'),
      driverOpt, label],
  },
  {
    path: 'network ls', aliases: ['network list'], usage: 'docker network ls [OPTIONS]',
    summary: { zh: '列出网络；默认有 bridge、host、none 三个。', en: 'List networks; bridge, host and none exist by default.' }, flags: [quiet, filter, format, noTrunc],
  },
  {
    path: 'network inspect', usage: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
    summary: { zh: '以 JSON 显示网络详情，包括网段和连接的容器。', en: 'Show a network\'s details as JSON, including subnets and attached containers.' }, flags: [inspectFormat],
  },
  {
    path: 'network connect', usage: 'docker network connect [OPTIONS] NETWORK CONTAINER',
    summary: { zh: '把容器连接到一个网络（容器可以同时在多个网络里）。', en: 'Connect a container to a network (a container may be on several).' },
    flags: [f('', 'ip', '<address>', '指定容器在该网络中的 IPv4 地址。', 'IPv4 address on that network.'), f('', 'alias', '<alias>', '在该网络中的别名。', 'Network-scoped alias.')],
  },
  {
    path: 'network disconnect', usage: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
    summary: { zh: '把容器从网络断开。', en: 'Disconnect a container from a network.' }, flags: [f('f', 'force', undefined, '强制断开。', 'Force the disconnect.')],
  },
  {
    path: 'network rm', aliases: ['network remove'], usage: 'docker network rm NETWORK [NETWORK...]',
    summary: { zh: '删除网络（不能有容器连着）。', en: 'Remove networks (no container may be attached).' }, flags: [],
  },
  {
    path: 'network prune', usage: 'docker network prune [OPTIONS]',
    summary: { zh: '删除所有未使用的自建网络。', en: 'Remove all unused user-defined networks.' }, flags: [forcePrune, pruneFilter],
  },
  // ── volumes ────────────────────────────────────────────────────────────────
  {
    path: 'volume create', usage: 'docker volume create [OPTIONS] [VOLUME]',
    summary: { zh: '创建数据卷；卷独立于容器的生命周期，删除容器不会删除卷。', en: 'Create a volume; volumes outlive containers, removing a container keeps them.' },
    flags: [f('d', 'driver', '<driver>', '卷驱动（默认 local）。', 'Volume driver (default local).'), driverOpt, label],
  },
  {
    path: 'volume ls', aliases: ['volume list'], usage: 'docker volume ls [OPTIONS]',
    summary: { zh: '列出数据卷。', en: 'List volumes.' }, flags: [quiet, filter, format],
  },
  {
    path: 'volume inspect', usage: 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]',
    summary: { zh: '显示卷的详情，包括它在宿主机上的位置（Mountpoint）。', en: 'Show a volume\'s details, including where it lives on the host (Mountpoint).' }, flags: [inspectFormat],
  },
  {
    path: 'volume rm', aliases: ['volume remove'], usage: 'docker volume rm [OPTIONS] VOLUME [VOLUME...]',
    summary: { zh: '删除数据卷，里面的数据会永久丢失；正被容器使用的卷不能删。', en: 'Remove volumes and their data for good; a volume in use cannot be removed.' },
    flags: [f('f', 'force', undefined, '强制删除。', 'Force removal.')],
  },
  {
    path: 'volume prune', usage: 'docker volume prune [OPTIONS]',
    summary: {
      zh: '删除没有容器使用的卷，数据会丢失。Docker Engine 23 起默认只删匿名卷，加 `-a` 才连具名卷一起删；更早的引擎不加 `-a` 也会删除所有未使用的卷。',
      en: 'Remove volumes no container uses; their data is lost. Since Docker Engine 23 only anonymous volumes go unless `-a` is given; older engines remove every unused volume without it.',
    },
    flags: [tip(f('a', 'all', undefined, '连具名卷也删除，而不只是匿名卷（Engine 23 起）。', 'Remove named volumes too, not just anonymous ones (Engine 23+).'),
      '先 `docker volume ls -f dangling=true` 看看会删掉哪些。', 'Check first with `docker volume ls -f dangling=true`.'), forcePrune, pruneFilter],
  },
  // ── swarm ──────────────────────────────────────────────────────────────────
  {
    path: 'swarm init', usage: 'docker swarm init [OPTIONS]',
    summary: { zh: '把当前引擎初始化为 Swarm 集群的管理节点。', en: 'Turn this engine into the manager of a new Swarm.' },
    flags: [f('', 'advertise-addr', '<ip[:port]>', '告诉其他节点用哪个地址连接本管理节点（多网卡时必填）。', 'Address other nodes use to reach this manager (needed with several interfaces).'),
      f('', 'listen-addr', '<ip[:port]>', '监听集群通信的地址。', 'Address to listen on for cluster traffic.'),
      f('', 'force-new-cluster', undefined, '从当前状态强制创建新集群。', 'Force a new cluster from the current state.')],
  },
  {
    path: 'swarm join', usage: 'docker swarm join [OPTIONS] HOST:PORT',
    summary: { zh: '以工作节点或管理节点身份加入 Swarm 集群。', en: 'Join a Swarm as a worker or manager.' },
    flags: [f('', 'token', '<token>', '加入令牌；在管理节点上用 `docker swarm join-token worker|manager` 获取。', 'Join token; get it on a manager with `docker swarm join-token worker|manager`.'),
      f('', 'advertise-addr', '<ip[:port]>', '本节点对外公布的地址。', 'Address this node advertises.'),
      f('', 'listen-addr', '<ip[:port]>', '监听集群通信的地址。', 'Address to listen on for cluster traffic.')],
  },
  {
    path: 'swarm leave', usage: 'docker swarm leave [OPTIONS]',
    summary: { zh: '让本节点离开 Swarm 集群。', en: 'Make this node leave the Swarm.' },
    flags: [f('f', 'force', undefined, '强制离开（管理节点必须加，最后一个管理节点离开会解散集群）。', 'Force leaving (required for a manager; the last manager leaving dissolves the swarm).')],
  },
  {
    path: 'swarm join-token', usage: 'docker swarm join-token [OPTIONS] (worker|manager)',
    summary: { zh: '显示加入集群所需的命令和令牌。', en: 'Print the command and token to join the Swarm.' },
    flags: [quiet, f('', 'rotate', undefined, '作废旧令牌并生成新令牌。', 'Invalidate the old token and make a new one.')],
  },
  {
    path: 'node ls', aliases: ['node list'], usage: 'docker node ls [OPTIONS]',
    summary: { zh: '列出 Swarm 集群中的节点（只能在管理节点上执行）。', en: 'List the nodes of the Swarm (run on a manager).' }, flags: [quiet, filter, format],
  },
  {
    path: 'node inspect', usage: 'docker node inspect [OPTIONS] self|NODE [NODE...]',
    summary: { zh: '显示节点详情。', en: 'Show node details.' }, flags: [inspectFormat, f('', 'pretty', undefined, '以易读格式显示。', 'Human-readable output.')],
  },
  {
    path: 'node update', usage: 'docker node update [OPTIONS] NODE',
    summary: { zh: '修改节点的可用性、角色或标签。', en: 'Change a node\'s availability, role or labels.' },
    flags: [f('', 'availability', '<active|pause|drain>', '`drain` 会把节点上的任务迁走，用于维护。', '`drain` moves tasks off the node, for maintenance.'),
      f('', 'role', '<worker|manager>', '节点角色。', 'Node role.'), f('', 'label-add', '<key=value>', '添加节点标签，可用于部署约束。', 'Add a node label, usable in placement constraints.')],
  },
  {
    path: 'node promote', usage: 'docker node promote NODE [NODE...]',
    summary: { zh: '把工作节点升级为管理节点。', en: 'Promote workers to managers.' }, flags: [],
  },
  {
    path: 'node demote', usage: 'docker node demote NODE [NODE...]',
    summary: { zh: '把管理节点降级为工作节点。', en: 'Demote managers to workers.' }, flags: [],
  },
  {
    path: 'node rm', aliases: ['node remove'], usage: 'docker node rm [OPTIONS] NODE [NODE...]',
    summary: { zh: '从集群中删除节点。', en: 'Remove nodes from the Swarm.' }, flags: [f('f', 'force', undefined, '强制删除。', 'Force removal.')],
  },
  {
    path: 'service create', usage: 'docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]', flagsStopAtFirstArgument: true,
    summary: { zh: '在 Swarm 集群中创建服务：按期望状态运行若干副本，并自动调度和恢复。', en: 'Create a Swarm service: run the desired number of replicas, scheduled and healed automatically.' },
    flags: [
      f('', 'name', '<name>', '服务名。', 'Service name.'),
      f('', 'replicas', '<N>', '副本（任务）数量。', 'Number of replicas (tasks).'),
      f('', 'mode', '<replicated|global>', '`replicated` 按副本数运行，`global` 每个节点运行一个。', '`replicated` runs N replicas, `global` one per node.'),
      f('p', 'publish', '<published:target>', '通过路由网格在所有节点上发布端口。', 'Publish a port on every node through the routing mesh.'),
      f('e', 'env', '<KEY=value>', '设置环境变量。', 'Set an environment variable.'),
      f('', 'network', '<network>', '连接到 overlay 网络。', 'Attach to an overlay network.'),
      f('', 'mount', '<type=…,source=…,target=…>', '挂载卷或宿主机目录。', 'Mount a volume or host folder.'),
      f('', 'secret', '<secret>', '把 Swarm 机密挂载到容器的 `/run/secrets/<名字>`。', 'Mount a Swarm secret at `/run/secrets/<name>`.'),
      f('', 'config', '<config>', '把 Swarm 配置（config）挂载到容器里。', 'Mount a Swarm config into the container.'),
      f('', 'constraint', '<expr>', '部署约束，例如 `node.role==manager`。', 'Placement constraint, e.g. `node.role==manager`.'),
      f('', 'update-parallelism', '<N>', '滚动更新时每次同时更新几个任务。', 'Tasks updated at once during a rolling update.'),
      f('', 'update-delay', '<duration>', '两批滚动更新之间的间隔。', 'Delay between update batches.'),
      detachService,
    ],
  },
  {
    path: 'service ls', aliases: ['service list'], usage: 'docker service ls [OPTIONS]',
    summary: { zh: '列出服务及其副本运行情况。', en: 'List services and their replica counts.' }, flags: [quiet, filter, format],
  },
  {
    path: 'service ps', usage: 'docker service ps [OPTIONS] SERVICE [SERVICE...]',
    summary: { zh: '列出服务的任务（容器）及它们运行在哪个节点上。', en: 'List a service\'s tasks (containers) and the nodes they run on.' }, flags: [quiet, filter, format, noTrunc],
  },
  {
    path: 'service logs', usage: 'docker service logs [OPTIONS] SERVICE|TASK',
    summary: { zh: '查看服务所有任务的日志。', en: 'Show the logs of all tasks of a service.' }, flags: [follow, tail, since, timestamps],
  },
  {
    path: 'service update', usage: 'docker service update [OPTIONS] SERVICE',
    summary: { zh: '修改服务配置并滚动更新，例如换镜像版本。', en: 'Change a service and roll the update out, e.g. a new image version.' },
    flags: [f('', 'image', '<image>', '换成新镜像（滚动升级）。', 'Switch to a new image (rolling upgrade).'),
      f('', 'replicas', '<N>', '副本数量。', 'Number of replicas.'),
      f('', 'secret-add', '<secret>', '给服务添加机密。', 'Add a secret to the service.'),
      f('', 'secret-rm', '<secret>', '从服务移除机密。', 'Remove a secret from the service.'),
      f('', 'publish-add', '<published:target>', '添加发布的端口。', 'Add a published port.'),
      f('', 'env-add', '<KEY=value>', '添加环境变量。', 'Add an environment variable.'),
      f('', 'rollback', undefined, '回滚到上一个版本的配置。', 'Roll back to the previous spec.'),
      f('', 'force', undefined, '即使配置没变也强制重新部署任务。', 'Redeploy tasks even without changes.'),
      detachService],
  },
  {
    path: 'service scale', usage: 'docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
    summary: { zh: '调整一个或多个服务的副本数，例如 `web=5`。', en: 'Set the replica count of services, e.g. `web=5`.' }, flags: [detachService],
  },
  {
    path: 'service rollback', usage: 'docker service rollback [OPTIONS] SERVICE',
    summary: { zh: '把服务回滚到上一次更新前的配置。', en: 'Roll a service back to its spec before the last update.' }, flags: [quiet, detachService],
  },
  {
    path: 'service rm', aliases: ['service remove'], usage: 'docker service rm SERVICE [SERVICE...]',
    summary: { zh: '删除服务及其所有任务。', en: 'Remove services and all their tasks.' }, flags: [],
  },
  {
    path: 'service inspect', usage: 'docker service inspect [OPTIONS] SERVICE [SERVICE...]',
    summary: { zh: '显示服务详情。', en: 'Show service details.' }, flags: [inspectFormat, f('', 'pretty', undefined, '以易读格式显示。', 'Human-readable output.')],
  },
  {
    path: 'stack deploy', aliases: ['stack up'], usage: 'docker stack deploy [OPTIONS] STACK',
    summary: { zh: '按 Compose 文件在 Swarm 中部署（或更新）一组服务（栈）。', en: 'Deploy (or update) a stack of services on the Swarm from a Compose file.' },
    flags: [composeFile, f('', 'with-registry-auth', undefined, '把本机的镜像仓库登录信息发给各节点，以便拉取私有镜像。', 'Send your registry credentials to the nodes so they can pull private images.'),
      f('', 'prune', undefined, '删除 Compose 文件里已不存在的服务。', 'Remove services no longer in the Compose file.'), detachService],
  },
  {
    path: 'stack ls', aliases: ['stack list'], usage: 'docker stack ls [OPTIONS]',
    summary: { zh: '列出栈。', en: 'List stacks.' }, flags: [format],
  },
  {
    path: 'stack ps', usage: 'docker stack ps [OPTIONS] STACK',
    summary: { zh: '列出栈中所有任务。', en: 'List the tasks of a stack.' }, flags: [quiet, filter, format, noTrunc],
  },
  {
    path: 'stack services', usage: 'docker stack services [OPTIONS] STACK',
    summary: { zh: '列出栈中的服务。', en: 'List the services of a stack.' }, flags: [quiet, filter, format],
  },
  {
    path: 'stack rm', aliases: ['stack down', 'stack remove'], usage: 'docker stack rm STACK [STACK...]',
    summary: { zh: '删除栈及其服务和网络。', en: 'Remove stacks with their services and networks.' }, flags: [],
  },
  {
    path: 'secret create', usage: 'docker secret create [OPTIONS] SECRET [file|-]',
    summary: { zh: '创建 Swarm 机密（加密保存在集群里，只交给被授权的服务）；`-` 从标准输入读取。', en: 'Create a Swarm secret (stored encrypted, given only to services granted it); `-` reads STDIN.' }, flags: [label],
  },
  {
    path: 'secret ls', aliases: ['secret list'], usage: 'docker secret ls [OPTIONS]',
    summary: { zh: '列出机密（不会显示内容）。', en: 'List secrets (never their contents).' }, flags: [quiet, filter, format],
  },
  {
    path: 'secret rm', aliases: ['secret remove'], usage: 'docker secret rm SECRET [SECRET...]',
    summary: { zh: '删除机密。', en: 'Remove secrets.' }, flags: [],
  },
  {
    path: 'secret inspect', usage: 'docker secret inspect [OPTIONS] SECRET [SECRET...]',
    summary: { zh: '显示机密的元数据。', en: 'Show a secret\'s metadata.' }, flags: [inspectFormat],
  },
  {
    path: 'config create', usage: 'docker config create [OPTIONS] CONFIG file|-',
    summary: { zh: '创建 Swarm 配置（非机密的配置文件，挂载进服务容器）。', en: 'Create a Swarm config (a non-secret file mounted into service containers).' }, flags: [label],
  },
  {
    path: 'config ls', aliases: ['config list'], usage: 'docker config ls [OPTIONS]',
    summary: { zh: '列出配置。', en: 'List configs.' }, flags: [quiet, filter, format],
  },
  {
    path: 'config rm', aliases: ['config remove'], usage: 'docker config rm CONFIG [CONFIG...]',
    summary: { zh: '删除配置。', en: 'Remove configs.' }, flags: [],
  },
  {
    path: 'config inspect', usage: 'docker config inspect [OPTIONS] CONFIG [CONFIG...]',
    summary: { zh: '显示配置详情。', en: 'Show config details.' }, flags: [inspectFormat],
  },
  // ── buildx, manifest, builder, context ─────────────────────────────────────
  {
    path: 'buildx build', usage: 'docker buildx build [OPTIONS] PATH | URL | -',
    summary: { zh: '用 BuildKit 构建镜像，支持多平台构建和更多导出方式。', en: 'Build with BuildKit, including multi-platform builds and more outputs.' },
    flags: [...buildFlags, ...buildxOnlyFlags],
  },
  {
    path: 'buildx create', usage: 'docker buildx create [OPTIONS] [CONTEXT|ENDPOINT]',
    summary: { zh: '创建新的 builder 实例（例如用于多平台构建）。', en: 'Create a new builder instance (e.g. for multi-platform builds).' },
    flags: [f('', 'name', '<name>', 'builder 的名字。', 'Builder name.'),
      f('', 'driver', '<driver>', '驱动：`docker-container`（多平台常用）、`docker`、`kubernetes`、`remote`。', 'Driver: `docker-container` (usual for multi-platform), `docker`, `kubernetes`, `remote`.'),
      f('', 'driver-opt', '<key=value>', '驱动选项，例如 `image=…`、`network=host`。', 'Driver option, e.g. `image=…`, `network=host`.'),
      f('', 'use', undefined, '创建后立即切换到这个 builder。', 'Switch to the new builder right away.'),
      platform, f('', 'bootstrap', undefined, '创建后立即启动。', 'Boot it right away.')],
  },
  {
    path: 'buildx use', usage: 'docker buildx use [OPTIONS] NAME',
    summary: { zh: '切换当前使用的 builder。', en: 'Switch the current builder.' },
    flags: [f('', 'default', undefined, '设为当前上下文的默认 builder。', 'Make it the default for the current context.')],
  },
  {
    path: 'buildx ls', usage: 'docker buildx ls',
    summary: { zh: '列出 builder 实例及其支持的平台。', en: 'List builder instances and their platforms.' }, flags: [format],
  },
  {
    path: 'buildx inspect', usage: 'docker buildx inspect [OPTIONS] [NAME]',
    summary: { zh: '显示 builder 实例的详情。', en: 'Show a builder instance.' }, flags: [f('', 'bootstrap', undefined, '确保 builder 已启动。', 'Make sure the builder is running.')],
  },
  {
    path: 'buildx imagetools', usage: 'docker buildx imagetools COMMAND',
    summary: { zh: '在镜像仓库中查看或组合多平台镜像清单（`inspect`、`create`）。', en: 'Inspect or combine multi-platform manifests in a registry (`inspect`, `create`).' }, flags: [],
  },
  {
    path: 'builder prune', aliases: ['buildx prune'], usage: 'docker builder prune [OPTIONS]',
    summary: { zh: '清理构建缓存。', en: 'Remove build cache.' },
    flags: [f('a', 'all', undefined, '删除全部构建缓存。', 'Remove all build cache.'), forcePrune, pruneFilter],
  },
  {
    path: 'manifest create', usage: 'docker manifest create MANIFEST_LIST MANIFEST [MANIFEST...]',
    summary: { zh: '把多个平台的镜像组合成一个清单列表（多架构镜像）。', en: 'Combine images for several platforms into a manifest list (multi-arch image).' },
    flags: [f('a', 'amend', undefined, '修改已存在的清单列表。', 'Amend an existing manifest list.'), f('', 'insecure', undefined, '允许与不安全的仓库通信。', 'Allow talking to an insecure registry.')],
  },
  {
    path: 'manifest inspect', usage: 'docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST',
    summary: { zh: '查看镜像清单或清单列表（包含哪些平台）。', en: 'Show an image manifest or manifest list (which platforms it has).' },
    flags: [f('v', 'verbose', undefined, '显示更多信息（层、大小）。', 'Show more (layers, sizes).'), f('', 'insecure', undefined, '允许与不安全的仓库通信。', 'Allow talking to an insecure registry.')],
  },
  {
    path: 'manifest annotate', usage: 'docker manifest annotate [OPTIONS] MANIFEST_LIST MANIFEST',
    summary: { zh: '给清单列表中的某个镜像标注平台信息。', en: 'Annotate an image in a manifest list with platform details.' },
    flags: [f('', 'arch', '<arch>', 'CPU 架构，例如 `arm64`、`amd64`。', 'CPU architecture, e.g. `arm64`, `amd64`.'),
      f('', 'os', '<os>', '操作系统，例如 `linux`。', 'Operating system, e.g. `linux`.'),
      f('', 'variant', '<variant>', '架构变体，例如 `v7`、`v8`。', 'Architecture variant, e.g. `v7`, `v8`.')],
  },
  {
    path: 'manifest push', usage: 'docker manifest push [OPTIONS] MANIFEST_LIST',
    summary: { zh: '把清单列表推送到镜像仓库。', en: 'Push a manifest list to a registry.' },
    flags: [f('', 'purge', undefined, '推送后删除本地的清单列表。', 'Delete the local manifest list after pushing.'), f('', 'insecure', undefined, '允许与不安全的仓库通信。', 'Allow talking to an insecure registry.')],
  },
  {
    path: 'context ls', aliases: ['context list'], usage: 'docker context ls [OPTIONS]',
    summary: { zh: '列出 docker 上下文（可切换连接的引擎）。', en: 'List docker contexts (engines you can switch between).' }, flags: [quiet, format],
  },
  {
    path: 'context use', usage: 'docker context use CONTEXT',
    summary: { zh: '切换默认使用的 docker 上下文。', en: 'Switch the default docker context.' }, flags: [],
  },
  {
    path: 'context create', usage: 'docker context create [OPTIONS] CONTEXT',
    summary: { zh: '新建 docker 上下文，例如指向远程主机 `--docker host=ssh://user@host`。', en: 'Create a docker context, e.g. a remote engine with `--docker host=ssh://user@host`.' },
    flags: [f('', 'docker', '<host=…>', '引擎地址等设置。', 'Engine endpoint settings.'), f('', 'description', '<text>', '描述。', 'Description.')],
  },
  // ── compose (v2 plugin) ────────────────────────────────────────────────────
  {
    path: 'compose', usage: 'docker compose [OPTIONS] COMMAND',
    summary: { zh: 'Docker Compose：用一个 YAML 文件定义并运行多容器应用（v2 插件；旧版写作 `docker-compose`）。', en: 'Docker Compose: define and run multi-container apps from one YAML file (v2 plugin; formerly `docker-compose`).' },
    flags: [...composeFileFlags, f('', 'project-directory', '<dir>', '项目目录（默认是 Compose 文件所在目录）。', 'Project folder (default: the Compose file\'s folder).')],
    subcommandAfterFlags: true,
  },
  {
    path: 'compose up', usage: 'docker compose up [OPTIONS] [SERVICE...]',
    summary: { zh: '按 Compose 文件构建、创建并启动所有服务。', en: 'Build, create and start every service of the Compose file.' },
    flags: [f('d', 'detach', undefined, '在后台运行。', 'Run in the background.'),
      f('', 'build', undefined, '启动前先构建镜像。', 'Build images before starting.'),
      f('', 'force-recreate', undefined, '即使配置没变也重新创建容器。', 'Recreate containers even without changes.'),
      f('', 'no-deps', undefined, '不启动依赖的服务。', 'Do not start linked services.'),
      f('', 'scale', '<service=N>', '设置某服务的容器数量。', 'Number of containers for a service.')],
  },
  {
    path: 'compose down', usage: 'docker compose down [OPTIONS]',
    summary: { zh: '停止并删除 Compose 创建的容器和网络。', en: 'Stop and remove the containers and networks Compose created.' },
    flags: [tip(f('v', 'volumes', undefined, '同时删除卷（数据会丢失）。', 'Also remove volumes (data is lost).'),
      '包括 Compose 文件里声明的具名卷，例如数据库的数据卷。', 'Including the named volumes declared in the Compose file, such as a database\'s data.'),
      f('', 'rmi', '<all|local>', '同时删除镜像。', 'Also remove images.')],
  },
  {
    path: 'compose ps', usage: 'docker compose ps [OPTIONS] [SERVICE...]',
    summary: { zh: '列出本项目的容器。', en: 'List the project\'s containers.' }, flags: [all, quiet],
  },
  {
    path: 'compose logs', usage: 'docker compose logs [OPTIONS] [SERVICE...]',
    summary: { zh: '查看服务的日志。', en: 'Show service logs.' }, flags: [follow, tail],
  },
  {
    path: 'compose build', usage: 'docker compose build [OPTIONS] [SERVICE...]',
    summary: { zh: '构建（或重新构建）服务的镜像。', en: 'Build or rebuild service images.' },
    flags: [f('', 'no-cache', undefined, '不使用构建缓存。', 'Do not use the cache.'), f('', 'pull', undefined, '总是拉取基础镜像。', 'Always pull base images.')],
  },
  {
    path: 'compose exec', usage: 'docker compose exec [OPTIONS] SERVICE COMMAND [ARGS...]', flagsStopAtFirstArgument: true,
    summary: { zh: '在运行中的服务容器里执行命令。', en: 'Run a command in a running service container.' },
    flags: [f('T', 'no-TTY', undefined, '不分配伪终端。', 'Do not allocate a TTY.')],
  },
  {
    path: 'compose run', usage: 'docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]', flagsStopAtFirstArgument: true,
    summary: { zh: '为服务启动一个一次性容器执行命令。', en: 'Run a one-off command in a new container of a service.' },
    flags: [f('', 'rm', undefined, '执行后删除容器。', 'Remove the container afterwards.'),
      f('', 'service-ports', undefined, '发布服务定义中的端口。', 'Publish the service\'s ports.')],
  },
  {
    path: 'compose config', usage: 'docker compose config [OPTIONS]',
    summary: { zh: '校验并显示合并后的 Compose 配置。', en: 'Validate and print the merged Compose configuration.' }, flags: [quiet],
  },
  {
    path: 'compose stop', usage: 'docker compose stop [SERVICE...]',
    summary: { zh: '停止服务的容器（不删除）。', en: 'Stop service containers (without removing them).' }, flags: [],
  },
  {
    path: 'compose start', usage: 'docker compose start [SERVICE...]',
    summary: { zh: '启动已存在的服务容器。', en: 'Start existing service containers.' }, flags: [],
  },
  {
    path: 'compose pull', usage: 'docker compose pull [SERVICE...]',
    summary: { zh: '拉取服务用到的镜像。', en: 'Pull the service images.' }, flags: [],
  },
];

/** Words that group commands (`docker container …`); a bare one gets this tip. */
export const MANAGEMENT_GROUPS: Readonly<Record<string, Localized>> = {
  container: { zh: '管理容器（`docker container --help` 查看子命令）。', en: 'Manage containers (`docker container --help` lists the subcommands).' },
  image: { zh: '管理镜像。', en: 'Manage images.' },
  network: { zh: '管理网络。', en: 'Manage networks.' },
  volume: { zh: '管理数据卷。', en: 'Manage volumes.' },
  system: { zh: '管理 Docker 引擎（磁盘占用、清理、事件、信息）。', en: 'Manage the engine (disk usage, prune, events, info).' },
  swarm: { zh: '管理 Swarm 集群。', en: 'Manage the Swarm.' },
  node: { zh: '管理 Swarm 节点。', en: 'Manage Swarm nodes.' },
  service: { zh: '管理 Swarm 服务。', en: 'Manage Swarm services.' },
  stack: { zh: '管理 Swarm 栈（用 Compose 文件部署的一组服务）。', en: 'Manage Swarm stacks (services deployed from a Compose file).' },
  secret: { zh: '管理 Swarm 机密。', en: 'Manage Swarm secrets.' },
  config: { zh: '管理 Swarm 配置。', en: 'Manage Swarm configs.' },
  buildx: { zh: 'BuildKit 构建工具（多平台构建、builder 实例）。', en: 'BuildKit build tooling (multi-platform builds, builder instances).' },
  builder: { zh: '管理构建（缓存）。', en: 'Manage builds (cache).' },
  manifest: { zh: '管理镜像清单和清单列表（多架构镜像）。', en: 'Manage image manifests and manifest lists (multi-arch images).' },
  context: { zh: '管理 docker 上下文（连接哪个引擎）。', en: 'Manage docker contexts (which engine to talk to).' },
  compose: { zh: 'Docker Compose：用一个 YAML 文件定义并运行多容器应用。', en: 'Docker Compose: define and run multi-container apps from one YAML file.' },
  plugin: { zh: '管理插件。', en: 'Manage plugins.' },
  trust: { zh: '管理镜像签名（内容信任）。', en: 'Manage image signing (content trust).' },
};

/** Flags accepted before the subcommand: `docker -H tcp://… info`. */
export const GLOBAL_FLAGS: readonly CliFlagDoc[] = [
  f('H', 'host', '<address>', '连接哪个引擎，例如 `unix:///var/run/docker.sock`、`tcp://host:2376`、`ssh://user@host`（等同 DOCKER_HOST）。', 'Engine to connect to, e.g. `unix:///var/run/docker.sock`, `tcp://host:2376`, `ssh://user@host` (like DOCKER_HOST).'),
  f('c', 'context', '<name>', '本次使用哪个 docker 上下文。', 'Docker context to use for this command.'),
  f('', 'config', '<dir>', '客户端配置目录（默认 ~/.docker）。', 'Client config folder (default ~/.docker).'),
  f('D', 'debug', undefined, '打开调试输出。', 'Enable debug output.'),
  f('l', 'log-level', '<level>', '日志级别：debug、info、warn、error、fatal。', 'Log level: debug, info, warn, error, fatal.'),
  f('', 'tls', undefined, '使用 TLS 连接（`--tlsverify` 时隐含）。', 'Use TLS (implied by `--tlsverify`).'),
  f('', 'tlsverify', undefined, '使用 TLS 并校验服务端证书。', 'Use TLS and verify the server.'),
  f('', 'tlscacert', '<file>', '信任的 CA 证书。', 'Trusted CA certificate.'),
  f('', 'tlscert', '<file>', '客户端证书。', 'Client certificate.'),
  f('', 'tlskey', '<file>', '客户端私钥。', 'Client private key.'),
  f('v', 'version', undefined, '显示客户端版本。', 'Print the client version.'),
];

export const HELP_FLAG: CliFlagDoc = f('h', 'help', undefined, '显示这条命令的帮助和全部选项。', 'Show this command\'s help and all its options.');

const commandIndex = new Map<string, CliCommandDoc>();
for (const command of CLI_COMMANDS) {
  for (const spelling of [command.path, ...(command.aliases ?? [])]) commandIndex.set(spelling, command);
}

/** Look a command up by any of its spellings ("ps", "container ls", "container list"…). */
export function findCliCommand(words: string): CliCommandDoc | undefined {
  return commandIndex.get(words);
}

export function isManagementGroup(word: string): boolean {
  return Object.hasOwn(MANAGEMENT_GROUPS, word);
}

export function cliDocUrl(command: CliCommandDoc): string {
  return `${CLI_REFERENCE}${command.docsPath ?? command.path.replace(/ /g, '/')}/`;
}

/** A command's flag by its short letter or long name; `--help`/`-h` for every command that does not use `-h` itself. */
export function findCliFlag(flags: readonly CliFlagDoc[], name: string, isShort: boolean): CliFlagDoc | undefined {
  const own = flags.find((flag) => (isShort ? flag.short === name : flag.long === name));
  if (own) return own;
  if (isShort ? name === HELP_FLAG.short : name === HELP_FLAG.long) return HELP_FLAG;
  return undefined;
}

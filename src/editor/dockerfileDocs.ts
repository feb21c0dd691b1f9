// Hover-tip data for Dockerfile instructions, their flags and the parser directives. Written from the course notes
// (seeds-inventory §5) in our own words, Chinese first with an English twin for English UIs. Pure data: no vscode.

/** The two hover languages: Chinese for a zh* display language, English otherwise. */
export type DocLang = 'zh' | 'en';

export interface Localized {
  zh: string;
  en: string;
}

export interface LocalizedList {
  zh: readonly string[];
  en: readonly string[];
}

export interface DockerfileFlagDoc {
  /** How the flag is written, e.g. `--chown=<user>:<group>`. */
  syntax: string;
  summary: Localized;
  /** Key=value options inside the flag's value (RUN --mount=type=cache,target=…). */
  options?: Readonly<Record<string, Localized>>;
  /** A one-line example or pitfall, shown under the summary. */
  tip?: Localized;
}

export interface InstructionDoc {
  summary: Localized;
  syntax: readonly string[];
  points: LocalizedList;
  example: string;
  /** Flag name without the leading `--`. */
  flags: Readonly<Record<string, DockerfileFlagDoc>>;
  /** Anchor on the official Dockerfile reference page. */
  anchor: string;
  deprecated?: boolean;
}

export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

export const INSTRUCTION_KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
] as const;
export type InstructionKeyword = (typeof INSTRUCTION_KEYWORDS)[number];

const chownFlag: DockerfileFlagDoc = {
  syntax: '--chown=<user>:<group>',
  summary: {
    zh: '复制进镜像的文件改归指定的用户和组所有（可写名字或 UID/GID）；不写时属于 root（0:0）。',
    en: 'Give the copied files to this user and group (names or UID/GID); without it they belong to root (0:0).',
  },
  tip: {
    zh: '例如 `COPY --chown=node:node . /app`；写名字时镜像里要有这个用户（/etc/passwd），否则构建失败，写数字 `1000:1000` 最稳妥。比事后 `RUN chown -R` 少一层，也不会把文件复制两份。',
    en: 'E.g. `COPY --chown=node:node . /app`; a name must exist in the image (/etc/passwd) or the build fails, numbers like `1000:1000` always work. Cheaper than a later `RUN chown -R`, which adds a layer with a second copy of the files.',
  },
};
const chmodFlag: DockerfileFlagDoc = {
  syntax: '--chmod=<perms>',
  summary: {
    zh: '给复制进来的文件设置权限，例如 `--chmod=755`。',
    en: 'Set the permissions of the copied files, e.g. `--chmod=755`.',
  },
  tip: {
    zh: '需要 BuildKit（传统构建器不认识它）；例如 `COPY --chmod=755 entrypoint.sh /usr/local/bin/`，省掉一条 `RUN chmod`。',
    en: 'Needs BuildKit (the legacy builder rejects it); e.g. `COPY --chmod=755 entrypoint.sh /usr/local/bin/` saves a `RUN chmod`.',
  },
};
const linkFlag: DockerfileFlagDoc = {
  syntax: '--link',
  summary: {
    zh: '把文件放在独立的一层里，不依赖前面各层的内容，这样基础镜像变了这一层也能复用缓存（BuildKit）。',
    en: 'Put the files in an independent layer that does not depend on the layers before it, so the cache survives a changed base image (BuildKit).',
  },
  tip: {
    zh: '目标路径里如果有前面各层留下的符号链接，`--link` 不会跟随它；多数 `COPY` 加上它都安全。',
    en: 'With `--link` the destination does not follow symlinks left by earlier layers; for most `COPY`s it is safe to add.',
  },
};
const excludeFlag: DockerfileFlagDoc = {
  syntax: '--exclude=<pattern>',
  summary: {
    zh: '复制时排除匹配该模式的文件（较新的 Dockerfile 语法）。',
    en: 'Leave out files matching the pattern while copying (newer Dockerfile syntax).',
  },
  tip: {
    zh: '需要 `# syntax=docker/dockerfile:1.7-labs` 或更新的前端；例如 `COPY --exclude=*.md . /app`。',
    en: 'Needs `# syntax=docker/dockerfile:1.7-labs` or a newer frontend; e.g. `COPY --exclude=*.md . /app`.',
  },
};

export const INSTRUCTION_DOCS: Readonly<Record<InstructionKeyword, InstructionDoc>> = {
  FROM: {
    summary: {
      zh: '指定基础镜像，开始一个新的构建阶段。',
      en: 'Choose the base image and start a new build stage.',
    },
    syntax: ['FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', 'FROM scratch'],
    points: {
      zh: [
        '每个 Dockerfile 都必须有 `FROM`，而且它是第一条指令（前面只能有 `ARG`、注释和解析器指令）。',
        '`scratch` 是一个虚拟的空白镜像，并不真实存在，适合放静态编译的程序。',
        '一个文件里可以有多个 `FROM`，每个都开始一个新阶段（多阶段构建），用 `AS <名字>` 给阶段命名，后面用 `COPY --from=<名字>` 取文件。',
        '写在 `FROM` 之前的 `ARG` 只能在 `FROM` 行里用；要在阶段内使用，需在 `FROM` 之后再声明一次 `ARG <名字>`。',
        '优先选官方镜像，尽量用小镜像（如 Alpine），并固定版本标签，不要依赖 `latest`。',
      ],
      en: [
        'Every Dockerfile needs a `FROM`, and it is the first instruction (only `ARG`, comments and parser directives may come before it).',
        '`scratch` is a virtual, empty image that does not really exist; it suits statically built programs.',
        'Several `FROM`s start several stages (multi-stage build); name one with `AS <name>` and take files from it with `COPY --from=<name>`.',
        'An `ARG` declared before `FROM` is usable only in `FROM` lines; declare `ARG <name>` again after `FROM` to use it inside the stage.',
        'Prefer official images, small ones (such as Alpine), and a pinned tag rather than `latest`.',
      ],
    },
    example: 'FROM golang:1.22-alpine AS build\nFROM scratch',
    flags: {
      platform: {
        syntax: '--platform=<os>/<arch>[/<variant>]',
        summary: {
          zh: '指定要用哪个平台的基础镜像，例如 `linux/amd64`；跨平台构建时常写 `--platform=$BUILDPLATFORM`。',
          en: 'Pick the base image for this platform, e.g. `linux/amd64`; cross-builds often use `--platform=$BUILDPLATFORM`.',
        },
        tip: {
          zh: '`FROM --platform=$BUILDPLATFORM golang AS build` 让编译器以构建机的原生架构运行，再用 `TARGETOS`/`TARGETARCH` 交叉编译；只用 `docker run` 的镜像一般不要写死平台。',
          en: '`FROM --platform=$BUILDPLATFORM golang AS build` runs the compiler natively and cross-compiles with `TARGETOS`/`TARGETARCH`; do not hard-code a platform in images you only run.',
        },
      },
    },
    anchor: 'from',
  },
  RUN: {
    summary: {
      zh: '在构建时执行命令，并把结果提交成镜像的新一层。',
      en: 'Run a command at build time and commit the result as a new image layer.',
    },
    syntax: ['RUN <command>', 'RUN ["executable", "param1", "param2"]', 'RUN --mount=type=cache,target=<path> <command>'],
    points: {
      zh: [
        'shell 格式 `RUN <命令>` 通过 `/bin/sh -c` 执行；exec 格式 `RUN ["程序", "参数"]` 不经过 shell，所以 `$HOME` 这类变量不会被替换。',
        '每条 `RUN` 都会产生一层。把相关命令用 `&&` 串成一条，例如 `apt-get update && apt-get install -y …`，并在同一层里清理 `/var/lib/apt/lists/*`：后面的层删掉的文件仍占着前面那层的空间。（常说的“最多 127 层”是 overlay2 等存储驱动叠加层数的上限，正常的 Dockerfile 远碰不到；少分层是为了体积和缓存。）',
        '每条 `RUN` 在新容器里执行，`RUN cd /app` 对后面的指令没有作用，请用 `WORKDIR`。',
        '管道命令加上 `set -o pipefail`，否则只看最后一个命令的退出码。',
        '`--mount` 需要 BuildKit：缓存目录、密钥、SSH 代理都可以只在这一步挂载，不会留在镜像里。',
      ],
      en: [
        'Shell form `RUN <command>` runs through `/bin/sh -c`; exec form `RUN ["prog", "arg"]` skips the shell, so variables like `$HOME` are not expanded.',
        'Each `RUN` adds a layer. Chain related commands with `&&`, e.g. `apt-get update && apt-get install -y …`, and clean `/var/lib/apt/lists/*` in the same layer: files deleted by a later layer still take space in the earlier one. (The often-quoted "127 layers" is the stacking limit of storage drivers such as overlay2, far beyond normal Dockerfiles; fewer layers are about size and cache.)',
        'Each `RUN` runs in a fresh container, so `RUN cd /app` has no effect on later instructions: use `WORKDIR`.',
        'Add `set -o pipefail` to pipelines, otherwise only the last command\'s exit code counts.',
        '`--mount` needs BuildKit: caches, secrets and the SSH agent are mounted for this step only and never end up in the image.',
      ],
    },
    example: 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
    flags: {
      mount: {
        syntax: '--mount=type=cache|bind|tmpfs|secret|ssh[,option=value…]',
        summary: {
          zh: '只在这条 `RUN` 执行期间挂载文件系统（BuildKit）：`cache` 缓存目录、`bind` 绑定上下文或其他阶段、`tmpfs` 临时内存盘、`secret` 密钥文件、`ssh` SSH 代理。',
          en: 'Mount a filesystem for this `RUN` only (BuildKit): `cache` a cache folder, `bind` the context or another stage, `tmpfs` a scratch in-memory disk, `secret` a secret file, `ssh` the SSH agent.',
        },
        tip: {
          zh: '例如 `RUN --mount=type=cache,target=/root/.npm npm ci`：下载缓存留在构建机上、不进镜像；传统构建器不支持 `--mount`。',
          en: 'E.g. `RUN --mount=type=cache,target=/root/.npm npm ci`: the download cache stays on the builder, out of the image; the legacy builder has no `--mount`.',
        },
        options: {
          type: { zh: '挂载类型：`bind`（默认）、`cache`、`tmpfs`、`secret`、`ssh`。', en: 'Mount type: `bind` (default), `cache`, `tmpfs`, `secret`, `ssh`.' },
          target: { zh: '挂载到容器里的路径（`cache`、`bind` 等类型必填）。', en: 'Path inside the build container to mount at (required for `cache`, `bind` …).' },
          dst: { zh: '`target` 的别名。', en: 'Alias of `target`.' },
          destination: { zh: '`target` 的别名。', en: 'Alias of `target`.' },
          source: { zh: '来源路径：在 `from` 指定的镜像/阶段或构建上下文里的路径。', en: 'Source path inside the `from` image/stage or the build context.' },
          src: { zh: '`source` 的别名。', en: 'Alias of `source`.' },
          from: { zh: '从哪个构建阶段或镜像取内容，默认是构建上下文。', en: 'Build stage or image to take the content from; the build context by default.' },
          id: { zh: '缓存或密钥的标识；同一 `id` 的缓存在多次构建间共享。', en: 'Identifier of the cache or secret; caches with the same `id` are shared across builds.' },
          ro: { zh: '只读挂载。', en: 'Mount read-only.' },
          readonly: { zh: '只读挂载（同 `ro`）。', en: 'Mount read-only (same as `ro`).' },
          rw: { zh: '可写挂载（`bind` 的写入不会保存下来）。', en: 'Mount read-write (writes to a `bind` mount are discarded).' },
          sharing: { zh: '并发构建如何共享缓存：`shared`（默认）、`private`、`locked`。', en: 'How concurrent builds share the cache: `shared` (default), `private`, `locked`.' },
          mode: { zh: '挂载点的文件权限（八进制）。', en: 'File mode of the mount (octal).' },
          uid: { zh: '挂载点的属主用户 ID。', en: 'User ID owning the mount.' },
          gid: { zh: '挂载点的属组 ID。', en: 'Group ID owning the mount.' },
          required: { zh: '密钥或 SSH 不可用时让构建失败。', en: 'Fail the build when the secret or SSH agent is not available.' },
          size: { zh: '`tmpfs` 的大小上限。', en: 'Size limit of a `tmpfs` mount.' },
          env: { zh: '把密钥放进这个环境变量，而不是文件。', en: 'Expose the secret as this environment variable instead of a file.' },
        },
      },
      network: {
        syntax: '--network=default|none|host',
        summary: {
          zh: '这条 `RUN` 使用的网络：`none` 表示断网执行，`host` 需要额外授权。',
          en: 'Network for this `RUN`: `none` runs it offline, `host` needs extra entitlement.',
        },
        tip: {
          zh: '`RUN --network=none make test` 能证明这一步不偷偷联网。',
          en: '`RUN --network=none make test` proves the step does not reach the network.',
        },
      },
      security: {
        syntax: '--security=sandbox|insecure',
        summary: {
          zh: '`insecure` 以特权方式运行这一步（需要构建时授权），一般不要用。',
          en: '`insecure` runs this step privileged (needs a build-time entitlement); avoid it.',
        },
      },
    },
    anchor: 'run',
  },
  CMD: {
    summary: {
      zh: '指定容器启动时默认执行的命令（主进程）。',
      en: 'Set the default command (main process) a container starts with.',
    },
    syntax: ['CMD ["executable", "param1", "param2"]', 'CMD command param1 param2', 'CMD ["param1", "param2"]'],
    points: {
      zh: [
        '`docker run <镜像> <命令>` 后面给的命令会替换 `CMD`。',
        '可以写多个 `CMD`，但只有最后一个生效。',
        '推荐 exec 格式，并且必须用双引号 `"`，不能用单引号；shell 格式会变成 `sh -c "…"`，主进程是 `sh`。',
        '容器里的应用要在前台运行：`CMD service nginx start` 会让容器马上退出，应写 `CMD ["nginx", "-g", "daemon off;"]`。',
        '有 `ENTRYPOINT` 时，`CMD` 的内容作为参数传给它（第三种写法）。',
      ],
      en: [
        'A command given after the image in `docker run <image> <command>` replaces `CMD`.',
        'You may write several `CMD`s, but only the last one counts.',
        'Prefer the exec form, with double quotes `"` (single quotes do not work); the shell form becomes `sh -c "…"` with `sh` as the main process.',
        'Apps must run in the foreground: `CMD service nginx start` makes the container exit at once; write `CMD ["nginx", "-g", "daemon off;"]`.',
        'With an `ENTRYPOINT`, `CMD` supplies its default arguments (the third form).',
      ],
    },
    example: 'CMD ["nginx", "-g", "daemon off;"]',
    flags: {},
    anchor: 'cmd',
  },
  LABEL: {
    summary: {
      zh: '以键值对的形式给镜像添加元数据。',
      en: 'Add metadata to the image as key-value pairs.',
    },
    syntax: ['LABEL <key>=<value> [<key>=<value> …]'],
    points: {
      zh: [
        '值里有空格时要加引号或转义；多个标签可以用 `\\` 换行写在一条指令里。',
        '作者信息请写 `LABEL org.opencontainers.image.authors="…"`，它取代了已废弃的 `MAINTAINER`。',
        '可以按标签筛选镜像：`docker image ls -f label=<key>=<value>`。',
      ],
      en: [
        'Quote or escape values that contain spaces; put several labels in one instruction with `\\` line breaks.',
        'Record the author with `LABEL org.opencontainers.image.authors="…"`, which replaces the deprecated `MAINTAINER`.',
        'Filter images by label: `docker image ls -f label=<key>=<value>`.',
      ],
    },
    example: 'LABEL org.opencontainers.image.authors="team@example.com" \\\n      version="1.0"',
    flags: {},
    anchor: 'label',
  },
  MAINTAINER: {
    summary: {
      zh: '（已废弃）记录镜像作者。',
      en: '(Deprecated) Record the image author.',
    },
    syntax: ['MAINTAINER <name>'],
    points: {
      zh: [
        '这条指令已废弃，请改用 `LABEL org.opencontainers.image.authors="<作者>"`。',
        '值可以是任意字符串，只是镜像的元数据，不影响构建结果。',
      ],
      en: [
        'Deprecated: use `LABEL org.opencontainers.image.authors="<author>"` instead.',
        'The value is any string; it is only metadata and does not change the build.',
      ],
    },
    example: 'LABEL org.opencontainers.image.authors="cloudman@example.net"',
    flags: {},
    anchor: 'maintainer-deprecated',
    deprecated: true,
  },
  EXPOSE: {
    summary: {
      zh: '声明容器运行时会监听的端口。',
      en: 'Declare the ports the container listens on at run time.',
    },
    syntax: ['EXPOSE <port>[/<protocol>] [<port>[/<protocol>] …]'],
    points: {
      zh: [
        '这只是一个声明（文档作用），并不会真的打开或发布端口。',
        '要从宿主机访问，运行时仍需 `-p <宿主端口>:<容器端口>`；`docker run -P` 会把所有 `EXPOSE` 的端口随机映射到宿主机。',
        '协议默认 `tcp`，也可以写 `80/udp`。',
      ],
      en: [
        'It is only a declaration (documentation); it neither opens nor publishes the port.',
        'To reach it from the host you still need `-p <host>:<container>` at run time; `docker run -P` maps every `EXPOSE`d port to a random host port.',
        'The protocol defaults to `tcp`; `80/udp` works too.',
      ],
    },
    example: 'EXPOSE 80 443/tcp',
    flags: {},
    anchor: 'expose',
  },
  ENV: {
    summary: {
      zh: '设置环境变量，后续指令和运行中的容器都能使用。',
      en: 'Set environment variables for later instructions and for the running container.',
    },
    syntax: ['ENV <key>=<value> [<key>=<value> …]', 'ENV <key> <value>'],
    points: {
      zh: [
        '设置的变量在后续的 `RUN`、`COPY`、`WORKDIR` 等指令中可以用 `$变量` 引用，容器运行时也存在。',
        '变量会留在镜像里：在后面的 `RUN unset` 删不掉它；只在某条命令里需要时写成 `RUN <key>=<value> <命令>`。',
        '不要用 `ENV DEBIAN_FRONTEND=noninteractive`，它会一直影响镜像的使用者。',
        '只在构建期间需要的值请用 `ARG`。',
      ],
      en: [
        'Later `RUN`, `COPY`, `WORKDIR` … instructions can use the variables as `$name`, and they exist in the running container too.',
        'The variable stays in the image: a later `RUN unset` does not remove it; if one command needs it, write `RUN <key>=<value> <command>`.',
        'Avoid `ENV DEBIAN_FRONTEND=noninteractive`: it keeps affecting everyone who uses the image.',
        'Use `ARG` for values needed only during the build.',
      ],
    },
    example: 'ENV NODE_VERSION=20.11.0 PATH=/app/bin:$PATH',
    flags: {},
    anchor: 'env',
  },
  ADD: {
    summary: {
      zh: '与 `COPY` 类似地复制文件，另外会自动解压本地 tar 包，也能下载 URL。',
      en: 'Copy files like `COPY`, and also unpack local tar archives and fetch URLs.',
    },
    syntax: ['ADD [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>', 'ADD <url> <dest>'],
    points: {
      zh: [
        '本地的 `tar` 包（gzip、bzip2、xz 压缩）会被自动解压到目标目录；`zip` 不会被解压。',
        '也能从 URL 下载（不解压，权限 600）或添加 Git 仓库；下载远程文件时用 `ADD --checksum=sha256:<摘要> <url> <dest>` 校验内容（BuildKit，Dockerfile 1.6 起），这比 `RUN curl` 更可重现。要下载后解压并删除压缩包，仍用一条 `RUN curl … | tar -x …`，压缩包就不会留在层里。',
        '原则：普通复制一律用 `COPY`，只在需要自动解压本地 tar 包或下载远程文件时用 `ADD`。',
      ],
      en: [
        'A local `tar` archive (gzip, bzip2 or xz) is unpacked into the destination automatically; `zip` is not.',
        'It can also fetch a URL (not unpacked, mode 600) or add a Git repository; pin remote content with `ADD --checksum=sha256:<digest> <url> <dest>` (BuildKit, Dockerfile 1.6+), which is more reproducible than `RUN curl`. To download, unpack and delete an archive, one `RUN curl … | tar -x …` still keeps the archive out of the layers.',
        'Rule of thumb: copy with `COPY`; use `ADD` only to unpack a local tar archive or to fetch remote content.',
      ],
    },
    example: 'ADD rootfs.tar.xz /',
    flags: {
      chown: chownFlag,
      chmod: chmodFlag,
      link: linkFlag,
      exclude: excludeFlag,
      checksum: {
        syntax: '--checksum=sha256:<hash>',
        summary: {
          zh: '校验远程 URL 下载内容的摘要，不符时构建失败。',
          en: 'Verify the digest of a file fetched from a URL; the build fails on a mismatch.',
        },
        tip: {
          zh: '例如 `ADD --checksum=sha256:24454f83… https://example.com/app.tar.gz /tmp/`；摘要可用 `sha256sum` 算出。',
          en: 'E.g. `ADD --checksum=sha256:24454f83… https://example.com/app.tar.gz /tmp/`; compute the digest with `sha256sum`.',
        },
      },
      'keep-git-dir': {
        syntax: '--keep-git-dir=true',
        summary: {
          zh: '从 Git 仓库添加时保留 `.git` 目录。',
          en: 'Keep the `.git` folder when adding a Git repository.',
        },
      },
    },
    anchor: 'add',
  },
  COPY: {
    summary: {
      zh: '把构建上下文（或其他阶段）里的文件复制到镜像中。',
      en: 'Copy files from the build context (or another stage) into the image.',
    },
    syntax: [
      'COPY [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>',
      'COPY [--chown=<user>:<group>] ["<src>", ... "<dest>"]',
      'COPY --from=<stage|image> <src> <dest>',
    ],
    points: {
      zh: [
        '源路径必须在构建上下文之内：`COPY ../a /app`、`COPY /opt/x /app` 都不行；不需要的文件用 `.dockerignore` 排除。',
        '会保留文件的元数据（权限、修改时间等）；目标目录不存在时会自动创建。',
        '源是目录时复制的是目录里的内容，而不是目录本身；可以用通配符（Go `filepath.Match` 规则）。',
        '为了利用缓存，先复制依赖清单（如 `package.json`）并安装依赖，再复制其余源码。',
      ],
      en: [
        'Sources must be inside the build context: `COPY ../a /app` and `COPY /opt/x /app` fail; leave unneeded files out with `.dockerignore`.',
        'File metadata (permissions, modification times …) is kept; a missing destination folder is created.',
        'A folder source copies its contents, not the folder itself; wildcards follow Go `filepath.Match`.',
        'For good caching, copy the dependency manifest (e.g. `package.json`) and install first, then copy the rest of the sources.',
      ],
    },
    example: 'COPY --chown=node:node package*.json ./\nCOPY --from=build /out/app /usr/local/bin/app',
    flags: {
      from: {
        syntax: '--from=<stage|index|image>',
        summary: {
          zh: '不从构建上下文复制，而是从前面的构建阶段（名字或序号）或另一个镜像里复制，这是多阶段构建的关键。',
          en: 'Copy from an earlier build stage (name or index) or another image instead of the build context; the key of multi-stage builds.',
        },
        tip: {
          zh: '例如 `COPY --from=build /out/app /app`、`COPY --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf`；阶段名不区分大小写，写序号（`--from=0`）在插入新阶段后会指错。',
          en: 'E.g. `COPY --from=build /out/app /app`, `COPY --from=nginx:1.27 /etc/nginx/nginx.conf /nginx.conf`; stage names ignore case, and an index (`--from=0`) points elsewhere once a stage is inserted.',
        },
      },
      chown: chownFlag,
      chmod: chmodFlag,
      link: linkFlag,
      exclude: excludeFlag,
      parents: {
        syntax: '--parents',
        summary: {
          zh: '复制时保留源路径的父目录结构。',
          en: 'Keep the parent folders of the source paths when copying.',
        },
      },
    },
    anchor: 'copy',
  },
  ENTRYPOINT: {
    summary: {
      zh: '指定容器启动时运行的程序，让镜像像一个命令一样使用。',
      en: 'Set the program a container runs, so the image can be used like a command.',
    },
    syntax: ['ENTRYPOINT ["executable", "param1", "param2"]', 'ENTRYPOINT command param1 param2'],
    points: {
      zh: [
        '有了 `ENTRYPOINT` 后，`CMD`（或 `docker run <镜像>` 后面的参数）会作为参数传给它：实际执行 `<ENTRYPOINT> <CMD>`。',
        '它也能被覆盖，只是要用 `docker run --entrypoint <程序>`，比覆盖 `CMD` 麻烦一些——“不会被覆盖”的说法是错的。',
        'shell 格式会忽略 `CMD` 和 `docker run` 给的参数，并且主进程是 `sh`，收不到 `docker stop` 的信号，推荐 exec 格式。',
        '常见用法：启动前做准备工作的脚本（`docker-entrypoint.sh`），最后用 `exec "$@"` 把进程交给真正的程序。',
      ],
      en: [
        'With an `ENTRYPOINT`, `CMD` (or the arguments after `docker run <image>`) are passed to it: `<ENTRYPOINT> <CMD>` runs.',
        'It can be overridden too, with `docker run --entrypoint <prog>`, just less easily than `CMD`; "it cannot be overridden" is wrong.',
        'The shell form ignores `CMD` and `docker run` arguments, and its main process is `sh`, which does not get `docker stop`\'s signal; prefer the exec form.',
        'A common use: a start-up script (`docker-entrypoint.sh`) that prepares things and ends with `exec "$@"` to hand over to the real program.',
      ],
    },
    example: 'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]',
    flags: {},
    anchor: 'entrypoint',
  },
  VOLUME: {
    summary: {
      zh: '把镜像里的目录声明为匿名卷挂载点。',
      en: 'Declare folders of the image as anonymous volume mount points.',
    },
    syntax: ['VOLUME ["<path1>", "<path2>" …]', 'VOLUME <path>'],
    points: {
      zh: [
        '即使运行时没有指定挂载，数据也会写进匿名卷，而不是容器的存储层。',
        '运行时可以用 `docker run -v mydata:/data …` 换成具名卷或绑定挂载。',
        '镜像中会变化的数据（数据库文件等）建议都放在卷里。',
        '`VOLUME` 之后的构建步骤改动该目录：传统构建器会丢弃这些改动，BuildKit 会保留；为了两种构建器都一样，先准备好目录里的内容，再写 `VOLUME`。',
      ],
      en: [
        'Even when no mount is given at run time, the data goes to an anonymous volume instead of the container\'s writable layer.',
        'At run time `docker run -v mydata:/data …` swaps in a named volume or a bind mount.',
        'Keep the changing data of an image (database files …) in volumes.',
        'Build steps after `VOLUME` that change that folder: the legacy builder discards the changes, BuildKit keeps them; to behave the same on both, fill the folder first and declare `VOLUME` after.',
      ],
    },
    example: 'VOLUME /data',
    flags: {},
    anchor: 'volume',
  },
  USER: {
    summary: {
      zh: '切换后续 `RUN`、`CMD`、`ENTRYPOINT` 使用的用户（和组）。',
      en: 'Switch the user (and group) for later `RUN`, `CMD` and `ENTRYPOINT`.',
    },
    syntax: ['USER <user>[:<group>]', 'USER <UID>[:<GID>]'],
    points: {
      zh: [
        '和 `WORKDIR` 一样会影响之后的所有层；默认是 root。',
        '用户必须事先建好（例如 `RUN groupadd -r app && useradd -r -g app app`），否则无法切换。',
        '需要临时切换身份时用 `gosu`，不要用 `su` 或 `sudo`。',
        '最好显式指定 UID/GID，避免来回切换 `USER`。',
      ],
      en: [
        'Like `WORKDIR`, it affects all later layers; the default is root.',
        'The user must exist already (e.g. `RUN groupadd -r app && useradd -r -g app app`), otherwise the switch fails.',
        'To change identity temporarily use `gosu`, not `su` or `sudo`.',
        'Prefer explicit UID/GID, and avoid switching `USER` back and forth.',
      ],
    },
    example: 'RUN groupadd -r redis && useradd -r -g redis redis\nUSER redis',
    flags: {},
    anchor: 'user',
  },
  WORKDIR: {
    summary: {
      zh: '设置工作目录（当前目录），影响之后的各条指令。',
      en: 'Set the working (current) directory for the instructions that follow.',
    },
    syntax: ['WORKDIR <path>'],
    points: {
      zh: [
        '之后的 `RUN`、`CMD`、`ENTRYPOINT`、`COPY`、`ADD` 都在这个目录下执行；目录不存在时会自动创建。',
        '每条 `RUN` 都在新容器中执行，所以切换目录要用 `WORKDIR`，`RUN cd …` 不会保留。',
        '相对路径会叠加：`WORKDIR /a`、`WORKDIR b`、`WORKDIR c` 得到 `/a/b/c`；建议总是写绝对路径。',
      ],
      en: [
        'Later `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD` run in this folder; it is created if missing.',
        'Each `RUN` runs in a new container, so change folders with `WORKDIR`: `RUN cd …` does not stick.',
        'Relative paths stack: `WORKDIR /a`, `WORKDIR b`, `WORKDIR c` give `/a/b/c`; always use absolute paths.',
      ],
    },
    example: 'WORKDIR /app',
    flags: {},
    anchor: 'workdir',
  },
  ARG: {
    summary: {
      zh: '定义构建参数：只在构建期间存在的变量。',
      en: 'Define a build argument: a variable that exists only during the build.',
    },
    syntax: ['ARG <name>[=<default>]'],
    points: {
      zh: [
        '和 `ENV` 类似，但只在构建时有效，运行的容器里没有这些变量；可用 `docker build --build-arg <名字>=<值>` 覆盖默认值。',
        '不要用 `ARG` 传密码之类的机密：`docker history` 能看到它的值，机密请用 `RUN --mount=type=secret`。',
        '`ARG` 是唯一可以写在 `FROM` 之前的指令，但那里的值只能在 `FROM` 行中使用；阶段内要用需再写一次 `ARG <名字>`。',
        '作用域按构建阶段划分。BuildKit 自动提供 `TARGETPLATFORM`、`TARGETOS`、`TARGETARCH`、`BUILDPLATFORM` 等平台参数：`FROM` 行里可以直接用，阶段内要先写一行不带值的 `ARG TARGETPLATFORM` 才能读到；传统构建器不提供它们（值为空）。',
      ],
      en: [
        'Like `ENV`, but only during the build: the running container does not have it; override the default with `docker build --build-arg <name>=<value>`.',
        'Never pass passwords or other secrets with `ARG`: `docker history` shows the value; use `RUN --mount=type=secret`.',
        '`ARG` is the only instruction allowed before `FROM`, but such a value is usable only in `FROM` lines; write `ARG <name>` again inside the stage.',
        'Scope is per build stage. BuildKit provides platform arguments such as `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH`, `BUILDPLATFORM`: usable directly in `FROM` lines, and inside a stage after a value-less `ARG TARGETPLATFORM`; the legacy builder does not set them (they are empty).',
      ],
    },
    example: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\nARG NODE_VERSION',
    flags: {},
    anchor: 'arg',
  },
  ONBUILD: {
    summary: {
      zh: '登记一条“触发器”指令：本镜像构建时不执行，别人以它为基础镜像构建时才执行。',
      en: 'Register a trigger instruction: it does not run now, but when another image is built FROM this one.',
    },
    syntax: ['ONBUILD <INSTRUCTION>'],
    points: {
      zh: [
        '后面跟的是其他指令，例如 `ONBUILD COPY . /app`、`ONBUILD RUN npm install`。',
        '它是为“帮别人定制镜像”准备的：做成一个基础镜像，下游只需写一行 `FROM`。',
        '触发器只对直接的下一级镜像生效，不会继续传给孙辈；`ONBUILD` 里不能再写 `ONBUILD`、`FROM`。',
      ],
      en: [
        'It is followed by another instruction, e.g. `ONBUILD COPY . /app` or `ONBUILD RUN npm install`.',
        'It exists to help others customize: build a base image, and downstream Dockerfiles need only a `FROM` line.',
        'Triggers fire for the direct child image only, not grandchildren; `ONBUILD` cannot contain `ONBUILD` or `FROM`.',
      ],
    },
    example: 'ONBUILD COPY ./package.json /app/\nONBUILD RUN ["npm", "install"]',
    flags: {},
    anchor: 'onbuild',
  },
  STOPSIGNAL: {
    summary: {
      zh: '设置 `docker stop` 时发给容器主进程的信号（默认 SIGTERM）。',
      en: 'Set the signal `docker stop` sends to the container\'s main process (SIGTERM by default).',
    },
    syntax: ['STOPSIGNAL <signal>'],
    points: {
      zh: [
        '`docker stop` 先发这个信号，等待超时后再发 `SIGKILL` 强制结束。',
        '可以写信号名（如 `SIGQUIT`）或编号（如 `9`）；有的程序用别的信号优雅退出，例如 nginx 用 `SIGQUIT`。',
        '运行时可以用 `docker run --stop-signal` 覆盖。',
      ],
      en: [
        '`docker stop` sends this signal first and `SIGKILL` after the timeout.',
        'Write a name (`SIGQUIT`) or a number (`9`); some programs shut down gracefully on another signal, e.g. nginx on `SIGQUIT`.',
        'Override it at run time with `docker run --stop-signal`.',
      ],
    },
    example: 'STOPSIGNAL SIGQUIT',
    flags: {},
    anchor: 'stopsignal',
  },
  HEALTHCHECK: {
    summary: {
      zh: '告诉 Docker 如何检查容器里的服务是否健康。',
      en: 'Tell Docker how to check that the service in the container is healthy.',
    },
    syntax: ['HEALTHCHECK [OPTIONS] CMD <command>', 'HEALTHCHECK NONE'],
    points: {
      zh: [
        '容器初始状态为 `starting`，检查成功后变为 `healthy`，连续失败达到次数后变为 `unhealthy`。',
        '命令退出码：`0` 成功，`1` 失败，`2` 保留不要用。',
        '选项：`--interval` 间隔（默认 30s）、`--timeout` 超时（默认 30s）、`--retries` 次数（默认 3）、`--start-period` 启动宽限期。',
        '只能有一个，写多个时只有最后一个生效；`HEALTHCHECK NONE` 关掉基础镜像的检查；结果可在 `docker inspect` 中看到。',
      ],
      en: [
        'The container starts as `starting`, becomes `healthy` after a passing check, and `unhealthy` after the given number of failures in a row.',
        'Exit codes: `0` success, `1` failure, `2` reserved, do not use.',
        'Options: `--interval` (default 30s), `--timeout` (default 30s), `--retries` (default 3), `--start-period` grace time.',
        'Only one counts: with several, the last wins; `HEALTHCHECK NONE` turns off the base image\'s check; results show in `docker inspect`.',
      ],
    },
    example: 'HEALTHCHECK --interval=5s --timeout=3s \\\n  CMD curl -fs http://localhost/ || exit 1',
    flags: {
      interval: {
        syntax: '--interval=<duration>',
        summary: { zh: '两次检查之间的间隔，默认 `30s`。', en: 'Time between two checks; default `30s`.' },
      },
      timeout: {
        syntax: '--timeout=<duration>',
        summary: { zh: '单次检查的超时，超过即算失败，默认 `30s`。', en: 'Time one check may take before it counts as failed; default `30s`.' },
        tip: { zh: '检查命令要自带超时，例如 `curl -fsS --max-time 2`，否则挂住的请求要等满这段时间。', en: 'Give the command its own timeout, e.g. `curl -fsS --max-time 2`, or a hung request waits the full time.' },
      },
      retries: {
        syntax: '--retries=<N>',
        summary: { zh: '连续失败多少次后标记为 `unhealthy`，默认 `3`。', en: 'Failures in a row before the container is `unhealthy`; default `3`.' },
      },
      'start-period': {
        syntax: '--start-period=<duration>',
        summary: { zh: '容器启动后的宽限期，期间的失败不计入重试次数，默认 `0s`。', en: 'Grace period after start during which failures do not count; default `0s`.' },
        tip: { zh: '启动慢的服务（数据库、JVM）设 `--start-period=30s`，免得还没启动完就被判为 unhealthy。', en: 'Give slow starters (databases, the JVM) `--start-period=30s` so they are not marked unhealthy while still starting.' },
      },
      'start-interval': {
        syntax: '--start-interval=<duration>',
        summary: { zh: '宽限期内的检查间隔，默认 `5s`。', en: 'Time between checks during the start period; default `5s`.' },
        tip: { zh: '需要 Docker Engine 25 或更新版本。', en: 'Needs Docker Engine 25 or newer.' },
      },
    },
    anchor: 'healthcheck',
  },
  SHELL: {
    summary: {
      zh: '更换 shell 格式指令（`RUN`、`CMD`、`ENTRYPOINT`）所用的 shell。',
      en: 'Change the shell used by shell-form `RUN`, `CMD` and `ENTRYPOINT`.',
    },
    syntax: ['SHELL ["executable", "parameters"]'],
    points: {
      zh: [
        'Linux 上默认是 `["/bin/sh", "-c"]`，Windows 上默认是 `["cmd", "/S", "/C"]`。',
        '必须写成 JSON 数组；之后的 shell 格式指令都使用新的 shell，可以多次切换。',
        '例如 `SHELL ["/bin/sh", "-cex"]` 之后，每条命令执行前都会打印出来，并且遇到错误立即退出。',
      ],
      en: [
        'The default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
        'It must be a JSON array; later shell-form instructions use the new shell, and you may switch again.',
        'For example after `SHELL ["/bin/sh", "-cex"]` every command is printed before it runs and the build stops at the first error.',
      ],
    },
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    flags: {},
    anchor: 'shell',
  },
};

export interface DirectiveDoc {
  summary: Localized;
  syntax: string;
  points: LocalizedList;
  anchor: string;
}

/** Parser directives: `# name=value` comments at the very top of a Dockerfile. */
export const DIRECTIVE_DOCS: Readonly<Record<string, DirectiveDoc>> = {
  syntax: {
    summary: {
      zh: '解析器指令：指定用哪个 Dockerfile 前端（语法版本）来构建（BuildKit）。',
      en: 'Parser directive: choose the Dockerfile frontend (syntax version) for the build (BuildKit).',
    },
    syntax: '# syntax=docker/dockerfile:1',
    points: {
      zh: [
        '必须写在文件最开头，在任何指令和普通注释之前。',
        '旧笔记里的 `# syntax = docker/dockerfile:experimental` 已过时：写 `docker/dockerfile:1` 即可，Docker 23 以后不写也能用 `RUN --mount`。',
        '构建时需要从镜像仓库拉取前端镜像；离线环境下可以删掉这一行。',
      ],
      en: [
        'It must be at the very top of the file, before any instruction or ordinary comment.',
        'The old `# syntax = docker/dockerfile:experimental` is outdated: use `docker/dockerfile:1`, or nothing at all on Docker 23+ for `RUN --mount`.',
        'The build pulls the frontend image from a registry; offline, drop the line.',
      ],
    },
    anchor: 'syntax',
  },
  escape: {
    summary: {
      zh: '解析器指令：设置 Dockerfile 的转义字符（默认 `\\`）。',
      en: 'Parser directive: set the escape character of the Dockerfile (default `\\`).',
    },
    syntax: '# escape=`',
    points: {
      zh: [
        '只能是 `\\` 或反引号；Windows 镜像常用反引号，避免与路径分隔符 `\\` 冲突。',
        '转义字符也用于行尾续行。',
      ],
      en: [
        'Either `\\` or a backtick; Windows images often use the backtick so it does not clash with `\\` in paths.',
        'The escape character is also the line-continuation character.',
      ],
    },
    anchor: 'escape',
  },
  check: {
    summary: {
      zh: '解析器指令：配置构建检查（lint）规则。',
      en: 'Parser directive: configure build checks (lint rules).',
    },
    syntax: '# check=skip=<rules>;error=true',
    points: {
      zh: [
        '`skip=` 跳过列出的检查规则（逗号分隔，`skip=all` 全部跳过），`error=true` 让检查警告变成构建错误。',
        '例如 `# check=skip=JSONArgsRecommended`；`docker build --check .` 只做检查不构建（buildx 0.15 起，Docker 27 附带）。',
        '和其他解析器指令一样必须写在文件最开头；传统构建器没有构建检查，会把它当普通注释。',
      ],
      en: [
        '`skip=` skips the listed rules (comma-separated, `skip=all` for every rule), `error=true` turns check warnings into build errors.',
        'E.g. `# check=skip=JSONArgsRecommended`; `docker build --check .` checks without building (buildx 0.15+, shipped with Docker 27).',
        'Like every parser directive it must be at the very top; the legacy builder has no build checks and reads it as a comment.',
      ],
    },
    anchor: 'check',
  },
};

/** Tips for the parts of a Dockerfile that are not instructions or flags: stages, heredocs, HEALTHCHECK's subcommand. */
export interface TokenDoc {
  title: Localized;
  summary: Localized;
  points?: LocalizedList;
  syntax?: string;
  /** Anchor on the Dockerfile reference page. */
  anchor: string;
}

export const TOKEN_DOCS = {
  as: {
    title: { zh: 'FROM … AS <名字>', en: 'FROM … AS <name>' },
    summary: {
      zh: '给这个构建阶段起名字（多阶段构建）。`AS` 大小写都可以，习惯写大写，与 `FROM` 一致（BuildKit 的 `FromAsCasing` 检查会提示大小写不一致）。',
      en: 'Name this build stage (multi-stage build). `AS` works in either case; write it upper-case like `FROM` (BuildKit\'s `FromAsCasing` check flags mixed casing).',
    },
    points: {
      zh: [
        '后面的阶段用 `COPY --from=<名字>` 取这个阶段的文件，或用 `FROM <名字>` 以它为基础继续构建。',
        '`docker build --target <名字>` 只构建到这个阶段为止；BuildKit 只构建最终阶段（或 `--target`）真正依赖的阶段。',
        '名字不区分大小写，只能用字母、数字、`.`、`_`、`-`，不能以数字开头。',
      ],
      en: [
        'Later stages take its files with `COPY --from=<name>` or build on it with `FROM <name>`.',
        '`docker build --target <name>` stops at this stage; BuildKit builds only the stages the final one (or `--target`) depends on.',
        'Names ignore case and may use letters, digits, `.`, `_` and `-`, not starting with a digit.',
      ],
    },
    syntax: 'FROM <image> AS <name>',
    anchor: 'from',
  },
  stage: {
    title: { zh: '构建阶段', en: 'build stage' },
    summary: {
      zh: '多阶段构建中的一个阶段：从这条 `FROM` 开始，到下一条 `FROM` 为止。',
      en: 'One stage of a multi-stage build: from this `FROM` up to the next `FROM`.',
    },
    anchor: 'from',
  },
  stageRef: {
    title: { zh: '引用构建阶段', en: 'stage reference' },
    summary: {
      zh: '这里引用的是本文件里的一个构建阶段，而不是镜像仓库里的镜像。',
      en: 'This refers to a build stage of this file, not to an image in a registry.',
    },
    anchor: 'copy---from',
  },
  scratch: {
    title: { zh: 'FROM scratch', en: 'FROM scratch' },
    summary: {
      zh: '空白的起点：不是一个真实的镜像，不能拉取；最终镜像里只有后面 `COPY`/`ADD` 进去的文件，适合静态编译的程序。',
      en: 'An empty start: not a real image and cannot be pulled; the final image holds only what later `COPY`/`ADD` put in, good for statically built programs.',
    },
    points: {
      zh: ['里面没有 shell：`RUN` 用不了，`CMD`/`ENTRYPOINT` 必须用 exec 格式。'],
      en: ['It has no shell: `RUN` cannot work, and `CMD`/`ENTRYPOINT` must use the exec form.'],
    },
    anchor: 'from',
  },
  heredocRun: {
    title: { zh: 'RUN 的 here-document', en: 'RUN here-document' },
    summary: {
      zh: '把下面几行（直到单独一行的结束标记）作为一个脚本交给 shell 执行，不必再用 `&& \\` 把命令串起来（BuildKit，Dockerfile 1.4 起；传统构建器不支持）。',
      en: 'Run the following lines (up to the end marker on a line of its own) as one script, with no `&& \\` chains (BuildKit, Dockerfile 1.4+; not the legacy builder).',
    },
    points: {
      zh: [
        '整段只产生一层；第一行写 `set -e`（或 `set -eux`），否则中间的命令失败了构建也不会停。',
        '第一行可以是 `#!/usr/bin/env python3` 这样的解释器行，用别的语言写脚本。',
        '`<<-EOF` 会去掉每行开头的制表符；`<<"EOF"` 或 `<<\'EOF\'`（加引号）时正文里的 `$变量` 不在构建时展开。',
      ],
      en: [
        'The whole script makes one layer; start it with `set -e` (or `set -eux`), otherwise a failing command in the middle does not stop the build.',
        'The first line may be an interpreter line such as `#!/usr/bin/env python3` to write the script in another language.',
        '`<<-EOF` strips leading tabs; with `<<"EOF"` or `<<\'EOF\'` (quoted) `$variables` in the body are not expanded at build time.',
      ],
    },
    syntax: 'RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF',
    anchor: 'here-documents',
  },
  heredocStdin: {
    title: { zh: 'here-document 作为标准输入', en: 'here-document as standard input' },
    summary: {
      zh: '下面几行（直到结束标记）成为这条命令的标准输入，例如 `RUN <<EOF cat > /etc/app.conf` 写出一个文件（BuildKit，Dockerfile 1.4 起）。',
      en: 'The following lines (up to the end marker) become this command\'s standard input, e.g. `RUN <<EOF cat > /etc/app.conf` writes a file (BuildKit, Dockerfile 1.4+).',
    },
    anchor: 'here-documents',
  },
  heredocFile: {
    title: { zh: 'COPY/ADD 的 here-document', en: 'COPY/ADD here-document' },
    summary: {
      zh: '不从构建上下文复制，而是用下面几行（直到结束标记）作为文件内容，在镜像里创建目标文件（BuildKit，Dockerfile 1.4 起）。',
      en: 'Instead of copying from the context, create the destination file in the image with the following lines (up to the end marker) as its content (BuildKit, Dockerfile 1.4+).',
    },
    points: {
      zh: ['不加引号时正文里的 `$变量` 会用构建参数展开；写成 `<<"EOF"` 就原样写入。', '可以和 `--chmod` 一起用：`COPY --chmod=755 <<EOF /usr/local/bin/start.sh`。'],
      en: ['Unquoted, `$variables` in the body are expanded from build arguments; `<<"EOF"` writes it verbatim.', 'Combine with `--chmod`: `COPY --chmod=755 <<EOF /usr/local/bin/start.sh`.'],
    },
    syntax: 'COPY <<EOF /etc/motd\nHello from the image\nEOF',
    anchor: 'here-documents',
  },
  heredocBodyScript: {
    title: { zh: 'here-document 正文', en: 'here-document body' },
    summary: { zh: '脚本正文：这几行作为一个脚本在构建时执行（到结束标记 `{0}` 为止）。', en: 'Script body: these lines run as one script at build time (up to the end marker `{0}`).' },
    anchor: 'here-documents',
  },
  heredocBodyStdin: {
    title: { zh: 'here-document 正文', en: 'here-document body' },
    summary: { zh: '这几行是命令的标准输入（到结束标记 `{0}` 为止）。', en: 'These lines are the command\'s standard input (up to the end marker `{0}`).' },
    anchor: 'here-documents',
  },
  heredocBodyFile: {
    title: { zh: 'here-document 正文', en: 'here-document body' },
    summary: { zh: '这几行是要创建的文件 `{1}` 的内容（到结束标记 `{0}` 为止）。', en: 'These lines are the content of the file `{1}` being created (up to the end marker `{0}`).' },
    anchor: 'here-documents',
  },
  heredocEnd: {
    title: { zh: 'here-document 结束标记', en: 'here-document end marker' },
    summary: { zh: '`{0}` 单独一行，结束从第 {1} 行开始的 here-document。', en: '`{0}` on a line of its own ends the here-document opened on line {1}.' },
    anchor: 'here-documents',
  },
  healthcheckCmd: {
    title: { zh: 'HEALTHCHECK CMD', en: 'HEALTHCHECK CMD' },
    summary: {
      zh: '后面是检查命令：在容器里周期性执行，退出码 `0` 表示健康，`1` 表示不健康。',
      en: 'The check command follows: it runs inside the container periodically; exit code `0` means healthy, `1` unhealthy.',
    },
    points: {
      zh: [
        '和 `CMD` 一样有 exec 格式 `CMD ["curl", "-f", "http://localhost/"]` 和 shell 格式 `CMD curl -f http://localhost/ || exit 1`。',
        '命令要在镜像里存在：精简镜像常常没有 `curl`，可用 `wget -q --spider` 或程序自带的检查命令。',
        '这个 `CMD` 只属于 HEALTHCHECK，不会改变容器的启动命令。',
      ],
      en: [
        'Like `CMD` it has an exec form `CMD ["curl", "-f", "http://localhost/"]` and a shell form `CMD curl -f http://localhost/ || exit 1`.',
        'The command must exist in the image: slim images often lack `curl`; use `wget -q --spider` or the program\'s own check.',
        'This `CMD` belongs to HEALTHCHECK only; it does not change the container\'s start command.',
      ],
    },
    anchor: 'healthcheck',
  },
  healthcheckNone: {
    title: { zh: 'HEALTHCHECK NONE', en: 'HEALTHCHECK NONE' },
    summary: { zh: '关闭从基础镜像继承来的健康检查。', en: 'Turn off the health check inherited from the base image.' },
    anchor: 'healthcheck',
  },
} as const satisfies Record<string, TokenDoc>;
export type TokenDocKey = keyof typeof TOKEN_DOCS;

export function isInstructionKeyword(word: string): word is InstructionKeyword {
  return (INSTRUCTION_KEYWORDS as readonly string[]).includes(word);
}

export function instructionDocUrl(keyword: InstructionKeyword): string {
  return `${DOCKERFILE_REFERENCE}#${INSTRUCTION_DOCS[keyword].anchor}`;
}

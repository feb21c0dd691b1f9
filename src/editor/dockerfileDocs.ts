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
};
const chmodFlag: DockerfileFlagDoc = {
  syntax: '--chmod=<perms>',
  summary: {
    zh: '给复制进来的文件设置权限，例如 `--chmod=755`。',
    en: 'Set the permissions of the copied files, e.g. `--chmod=755`.',
  },
};
const linkFlag: DockerfileFlagDoc = {
  syntax: '--link',
  summary: {
    zh: '把文件放在独立的一层里，不依赖前面各层的内容，这样基础镜像变了这一层也能复用缓存（BuildKit）。',
    en: 'Put the files in an independent layer that does not depend on the layers before it, so the cache survives a changed base image (BuildKit).',
  },
};
const excludeFlag: DockerfileFlagDoc = {
  syntax: '--exclude=<pattern>',
  summary: {
    zh: '复制时排除匹配该模式的文件（较新的 Dockerfile 语法）。',
    en: 'Leave out files matching the pattern while copying (newer Dockerfile syntax).',
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
        '每条 `RUN` 都会产生一层；层数有上限（127），把相关命令用 `&&` 串成一条，例如 `apt-get update && apt-get install -y …`，并在同一层里清理 `/var/lib/apt/lists/*`。',
        '每条 `RUN` 在新容器里执行，`RUN cd /app` 对后面的指令没有作用，请用 `WORKDIR`。',
        '管道命令加上 `set -o pipefail`，否则只看最后一个命令的退出码。',
        '`--mount` 需要 BuildKit：缓存目录、密钥、SSH 代理都可以只在这一步挂载，不会留在镜像里。',
      ],
      en: [
        'Shell form `RUN <command>` runs through `/bin/sh -c`; exec form `RUN ["prog", "arg"]` skips the shell, so variables like `$HOME` are not expanded.',
        'Each `RUN` adds a layer and the number of layers is capped (127): chain related commands with `&&`, e.g. `apt-get update && apt-get install -y …`, and clean `/var/lib/apt/lists/*` in the same layer.',
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
        '从 URL 下载的文件不会解压，权限是 600，一般不推荐，改用 `RUN curl …` 或 `wget`。',
        '原则：普通复制一律用 `COPY`，只有需要自动解压时才用 `ADD`；`ADD` 也更容易让构建缓存失效。',
      ],
      en: [
        'A local `tar` archive (gzip, bzip2 or xz) is unpacked into the destination automatically; `zip` is not.',
        'A file fetched from a URL is not unpacked and gets mode 600; prefer `RUN curl …` or `wget`.',
        'Rule of thumb: copy with `COPY`, and use `ADD` only when you want the auto-extract; `ADD` also invalidates the build cache more easily.',
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
        '在 `VOLUME` 之后的构建步骤对该目录的修改会被丢弃。',
      ],
      en: [
        'Even when no mount is given at run time, the data goes to an anonymous volume instead of the container\'s writable layer.',
        'At run time `docker run -v mydata:/data …` swaps in a named volume or a bind mount.',
        'Keep the changing data of an image (database files …) in volumes.',
        'Changes to that folder made by build steps after `VOLUME` are discarded.',
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
        '作用域按构建阶段划分；`TARGETPLATFORM`、`TARGETARCH`、`BUILDPLATFORM` 等预定义参数也要先声明才能用。',
      ],
      en: [
        'Like `ENV`, but only during the build: the running container does not have it; override the default with `docker build --build-arg <name>=<value>`.',
        'Never pass passwords or other secrets with `ARG`: `docker history` shows the value; use `RUN --mount=type=secret`.',
        '`ARG` is the only instruction allowed before `FROM`, but such a value is usable only in `FROM` lines; write `ARG <name>` again inside the stage.',
        'Scope is per build stage; predefined ones like `TARGETPLATFORM`, `TARGETARCH`, `BUILDPLATFORM` must be declared before use too.',
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
      },
      retries: {
        syntax: '--retries=<N>',
        summary: { zh: '连续失败多少次后标记为 `unhealthy`，默认 `3`。', en: 'Failures in a row before the container is `unhealthy`; default `3`.' },
      },
      'start-period': {
        syntax: '--start-period=<duration>',
        summary: { zh: '容器启动后的宽限期，期间的失败不计入重试次数，默认 `0s`。', en: 'Grace period after start during which failures do not count; default `0s`.' },
      },
      'start-interval': {
        syntax: '--start-interval=<duration>',
        summary: { zh: '宽限期内的检查间隔，默认 `5s`。', en: 'Time between checks during the start period; default `5s`.' },
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
      zh: ['`skip=` 跳过列出的检查规则，`error=true` 让检查警告变成构建错误。'],
      en: ['`skip=` skips the listed rules, `error=true` turns check warnings into build errors.'],
    },
    anchor: 'check',
  },
};

export function isInstructionKeyword(word: string): word is InstructionKeyword {
  return (INSTRUCTION_KEYWORDS as readonly string[]).includes(word);
}

export function instructionDocUrl(keyword: InstructionKeyword): string {
  return `${DOCKERFILE_REFERENCE}#${INSTRUCTION_DOCS[keyword].anchor}`;
}

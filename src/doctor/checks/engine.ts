// The docker CLI, the engine, the builder, Compose and the image store: what the lessons need to run at all.
import type { EngineError } from '../../engine/errors';
import type { Endpoint } from '../../engine/types';
import { builderFor, parseEngineVersion } from '../../runner/profile';
import type { EngineFacts } from '../probes';
import { bilingual as b, type Finding } from '../types';

/** The oldest engine the course is tested on. */
const OLDEST_TESTED_MAJOR = 20;

export function checkDockerCli(version: string | undefined): Finding {
  if (version) {
    return { area: 'docker-cli', id: 'docker-cli', level: 'ok', title: b('docker command', 'docker 命令'),
      detail: b(`${version}.`, `${version}。`) };
  }
  return {
    area: 'docker-cli', id: 'docker-cli', level: 'error', title: b('docker command', 'docker 命令'),
    detail: b('The `docker` command cannot be run: it is not on PATH or does not start. Every lesson step runs it.',
      '无法运行 `docker` 命令：它不在 PATH 里，或者启动不了。课程的每个步骤都要用它。'),
    fix: b('Install the Docker CLI (docker-ce-cli from Docker\'s repository, or Docker Desktop) and open a new terminal.',
      '安装 Docker 命令行（Docker 官方软件源里的 docker-ce-cli，或 Docker Desktop），然后打开一个新终端。'),
  };
}

export function checkEngine(facts: EngineFacts | undefined, error: EngineError | undefined, endpoint: Endpoint): Finding {
  const title = b('Docker engine', 'Docker 引擎');
  if (!facts) {
    const message = error?.engineMessage ?? error?.message ?? '';
    if (error?.code === 'permission-denied') {
      return { area: 'engine', id: 'engine', level: 'error', title,
        detail: b(`The engine at ${endpoint.url} refused this user (permission denied on the socket).`,
          `${endpoint.url} 上的引擎拒绝了当前用户（没有权限打开套接字）。`),
        fix: b('Add yourself to the docker group (`sudo usermod -aG docker $USER`), then log out and back in; or use rootless Docker.',
          '把自己加入 docker 用户组（`sudo usermod -aG docker $USER`），注销后重新登录；或者改用 rootless 模式的 Docker。') };
    }
    if (error?.code === 'bad-host') {
      return { area: 'engine', id: 'engine', level: 'error', title,
        detail: b(`The Docker address is not valid: ${message}`, `Docker 地址无效：${message}`),
        fix: b('Fix DOCKER_HOST, the docker context or the dockerLessons.host setting (e.g. unix:///var/run/docker.sock).',
          '改正 DOCKER_HOST、docker context 或设置项 dockerLessons.host（例如 unix:///var/run/docker.sock）。') };
    }
    return { area: 'engine', id: 'engine', level: 'error', title,
      detail: b(`No Docker engine answers at ${endpoint.url}${message ? ` (${message})` : ''}.`,
        `${endpoint.url} 上没有 Docker 引擎应答${message ? `（${message}）` : ''}。`),
      fix: b('Start it: `sudo systemctl start docker` on Linux, or start Docker Desktop; check DOCKER_HOST if the engine is elsewhere.',
        '启动它：Linux 上执行 `sudo systemctl start docker`，或者启动 Docker Desktop；引擎在别处时检查 DOCKER_HOST。') };
  }
  const where = `${facts.os}/${facts.arch}`;
  const desktop = facts.info.daemon?.operatingSystem.includes('Docker Desktop') ? ' · Docker Desktop' : '';
  const { major } = parseEngineVersion(facts.version);
  if (major > 0 && major < OLDEST_TESTED_MAJOR) {
    return { area: 'engine', id: 'engine', level: 'warning', title,
      detail: b(`Docker Engine ${facts.version} (API ${facts.apiVersion}, ${where}) at ${endpoint.url}: older than any engine the course is tested on (20.10 and later).`,
        `${endpoint.url} 上是 Docker Engine ${facts.version}（API ${facts.apiVersion}，${where}），比课程测试过的引擎（20.10 及以后）都旧。`),
      fix: b('Upgrade to a current Docker Engine (docker-ce from Docker\'s repository).', '升级到当前版本的 Docker Engine（Docker 官方软件源里的 docker-ce）。') };
  }
  return { area: 'engine', id: 'engine', level: 'ok', title,
    detail: b(`Docker Engine ${facts.version} (API ${facts.apiVersion}, ${where}${desktop}) at ${endpoint.url}.`,
      `${endpoint.url} 上的 Docker Engine ${facts.version}（API ${facts.apiVersion}，${where}${desktop}）。`) };
}

export function checkBuilder(plugins: { buildx?: string }, env: NodeJS.ProcessEnv): Finding {
  const title = b('Image builder', '镜像构建器');
  const builder = builderFor(env, plugins.buildx !== undefined);
  const forced = env.DOCKER_BUILDKIT?.trim();
  if (builder === 'buildkit' && plugins.buildx) {
    return { area: 'builder', id: 'builder', level: 'ok', title, detail: b(`BuildKit (${plugins.buildx}).`, `BuildKit（${plugins.buildx}）。`) };
  }
  if (builder === 'buildkit') {
    // The CLI's own words when DOCKER_BUILDKIT=1 and buildx is missing: "BuildKit is enabled but the buildx component is missing or broken."
    return { area: 'builder', id: 'builder', level: 'error', title,
      detail: b(`DOCKER_BUILDKIT=${forced} asks for BuildKit, but the buildx plugin is missing or broken: \`docker build\` will fail.`,
        `DOCKER_BUILDKIT=${forced} 要求使用 BuildKit，但 buildx 插件缺失或不能运行：\`docker build\` 会失败。`),
      fix: b('Install the buildx plugin (docker-buildx-plugin, or docker-buildx on Debian/Ubuntu), or unset DOCKER_BUILDKIT.',
        '安装 buildx 插件（docker-buildx-plugin；Debian/Ubuntu 自带的软件包叫 docker-buildx），或者去掉 DOCKER_BUILDKIT。') };
  }
  if (forced !== undefined && forced !== '') {
    return { area: 'builder', id: 'builder', level: 'warning', title,
      detail: b(`The legacy builder, because DOCKER_BUILDKIT=${forced}. It is deprecated; build output looks different from the BuildKit form the lessons show first.`,
        `旧构建器，因为设置了 DOCKER_BUILDKIT=${forced}。它已被弃用；构建输出与课程先讲的 BuildKit 形式不同。`),
      fix: b('Unset DOCKER_BUILDKIT to use BuildKit (with the buildx plugin installed).', '去掉 DOCKER_BUILDKIT，改用 BuildKit（需要装好 buildx 插件）。') };
  }
  return { area: 'builder', id: 'builder', level: 'warning', title,
    detail: b('The legacy builder: the buildx plugin is not installed, so `docker build` falls back to the deprecated builder.',
      '旧构建器：没有安装 buildx 插件，`docker build` 退回到已被弃用的旧构建器。'),
    fix: b('Install the buildx plugin (docker-buildx-plugin from Docker\'s repository, docker-buildx on Debian/Ubuntu).',
      '安装 buildx 插件（Docker 官方软件源里的 docker-buildx-plugin；Debian/Ubuntu 自带的软件包叫 docker-buildx）。') };
}

export function checkCompose(plugins: { compose?: string }): Finding {
  const title = b('Docker Compose', 'Docker Compose');
  if (plugins.compose) {
    return { area: 'compose', id: 'compose', level: 'ok', title, detail: b(`docker compose ${plugins.compose} (v2).`, `docker compose ${plugins.compose}（v2）。`) };
  }
  return { area: 'compose', id: 'compose', level: 'warning', title,
    detail: b('`docker compose` (Compose v2) does not run. The Compose chapter needs it; the old `docker-compose` (v1) is no longer maintained.',
      '`docker compose`（Compose v2）不能运行。Compose 一章需要它；老的 `docker-compose`（v1）已停止维护。'),
    fix: b('Install the Compose plugin (docker-compose-plugin from Docker\'s repository, or Docker Desktop).',
      '安装 Compose 插件（Docker 官方软件源里的 docker-compose-plugin，或 Docker Desktop）。') };
}

export function checkImageStore(facts: EngineFacts): Finding {
  const title = b('Image store', '镜像存储');
  const { imageStore, driver } = facts.info;
  if (imageStore === 'containerd') {
    return { area: 'image-store', id: 'image-store', level: 'ok', title,
      detail: b(`The containerd image store (snapshotter ${driver || 'overlayfs'}).`, `containerd 镜像存储（快照器 ${driver || 'overlayfs'}）。`) };
  }
  if (driver === 'vfs') {
    return { area: 'image-store', id: 'image-store', level: 'warning', title,
      detail: b('The vfs storage driver copies every layer in full: builds are slow and images take much more disk than with overlay2.',
        'vfs 存储驱动把每一层完整复制一份：构建慢，镜像占用的磁盘比 overlay2 多得多。'),
      fix: b('Use overlay2 (remove "storage-driver": "vfs" from daemon.json); existing images must be pulled or built again.',
        '改用 overlay2（从 daemon.json 里去掉 "storage-driver": "vfs"）；已有的镜像需要重新拉取或构建。') };
  }
  if (['aufs', 'devicemapper', 'overlay'].includes(driver)) {
    return { area: 'image-store', id: 'image-store', level: 'warning', title,
      detail: b(`The ${driver} storage driver is deprecated and removed from current engines.`, `${driver} 存储驱动已被弃用，新版本的引擎已经去掉了它。`),
      fix: b('Move to overlay2 (or the containerd image store) when you upgrade.', '升级时换成 overlay2（或 containerd 镜像存储）。') };
  }
  return { area: 'image-store', id: 'image-store', level: 'ok', title,
    detail: b(`The classic image store with the ${driver || 'default'} storage driver.`, `经典镜像存储，存储驱动 ${driver || '默认'}。`) };
}

// Free space where the engine keeps images, containers and volumes (DockerRootDir), measured when the engine runs on
// this machine. Pulls and builds fail with "no space left on device" long before the disk is quite full.
import { bilingual as b, type Finding } from '../types';

const GIB = 1024 ** 3;
export const DISK_ERROR_BYTES = 1 * GIB;
export const DISK_WARNING_BYTES = 5 * GIB;

const gib = (bytes: number): string => (bytes / GIB).toFixed(1);

export interface DiskCheckInput {
  rootDir?: string;
  space?: { freeBytes: number; totalBytes: number };
  /** Why nothing was measured, when `space` is absent and the engine answered. */
  elsewhere?: string;
}

export function checkDisk(input: DiskCheckInput): Finding {
  const title = b('Disk space', '磁盘空间');
  const { rootDir, space } = input;
  if (!rootDir) {
    return { area: 'disk', id: 'disk', level: 'ok', skipped: true, title,
      detail: b('The engine did not answer, so its data root is unknown.', '引擎没有应答，不知道它的数据目录在哪里。') };
  }
  if (!space) {
    return { area: 'disk', id: 'disk', level: 'ok', skipped: true, title,
      detail: b(`Not measured: the data root ${rootDir} is not on this computer's file system${input.elsewhere ? ` (${input.elsewhere})` : ''}.`,
        `没有测量：数据目录 ${rootDir} 不在本机的文件系统上${input.elsewhere ? `（${input.elsewhere}）` : ''}。`),
      fix: b('See the engine\'s own view with `docker system df`.', '用 `docker system df` 查看引擎自己统计的用量。') };
  }
  const free = `${gib(space.freeBytes)} GiB`;
  const total = `${gib(space.totalBytes)} GiB`;
  const fix = b('Free space: `docker system df` shows what takes it; remove what you no longer need (`docker image prune`, `docker builder prune`, and the lessons\' reset), or move data-root to a bigger disk.',
    '腾出空间：`docker system df` 显示空间被谁占用；删掉不再需要的东西（`docker image prune`、`docker builder prune`，以及课程的“重置”），或者把 data-root 移到更大的磁盘上。');
  if (space.freeBytes < DISK_ERROR_BYTES) {
    return { area: 'disk', id: 'disk', level: 'error', title,
      detail: b(`Only ${free} free of ${total} under ${rootDir}: pulls and builds will fail with "no space left on device".`,
        `${rootDir} 所在的磁盘只剩 ${free}（共 ${total}）：拉取和构建会报 "no space left on device"。`), fix };
  }
  if (space.freeBytes < DISK_WARNING_BYTES) {
    return { area: 'disk', id: 'disk', level: 'warning', title,
      detail: b(`${free} free of ${total} under ${rootDir}: enough for the lessons, tight for real images.`,
        `${rootDir} 所在的磁盘还剩 ${free}（共 ${total}）：做课程练习够用，真实的镜像就紧张了。`), fix };
  }
  return { area: 'disk', id: 'disk', level: 'ok', title,
    detail: b(`${free} free of ${total} under ${rootDir}.`, `${rootDir} 所在的磁盘还剩 ${free}（共 ${total}）。`) };
}

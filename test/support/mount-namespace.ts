import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

// A process with a mount namespace of its own: disks a test can fill, or make read-only, under a
// running mock without touching the machine's mounts (they go when the process does). As root, a
// mount namespace; as anyone else, a user namespace too, in which they may mount.

const asRoot = userInfo().uid === 0;

/** The prefix that runs a command (appended to it) with a tmpfs of `sizeMiB` mounted at `dir`, seen by it alone. */
export function onTmpfs(dir: string, sizeMiB: number): string[] {
  return ['unshare', ...(asRoot ? [] : ['--user', '--map-root-user']), '--mount', '--propagation', 'private', '--', 'sh', '-c', `mount -t tmpfs -o size=${sizeMiB}m allsign "$0" && exec "$@"`, dir];
}

/** Runs a shell script in the mount namespace of process `pid`: it sees and changes what that process sees. */
export function inMountsOf(pid: number, script: string): string {
  return execFileSync('nsenter', ['-t', String(pid), ...(asRoot ? [] : ['--user', '--preserve-credentials']), '--mount', '--', 'sh', '-c', script], { encoding: 'utf8' });
}

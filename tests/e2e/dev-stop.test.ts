import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { freePort, waitFor } from '../helpers/net.js';
import { article, cliPath, makeSite, removeSite } from '../helpers/project.js';



/** True while something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `dateline dev` the way `npx` does: through a launcher process that does not pass signals
 * on. The launcher prints the preview's process id.
 */
async function startThroughLauncher(root: string, port: number) {
  const launcher = `const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([cliPath, 'dev', '--port', String(port), '--now', '2025-06-01T00:00:00Z'])}, { stdio: ['ignore', 'inherit', 'inherit'] }); console.log('pid ' + c.pid); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', launcher], { cwd: root, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.resume();
  await waitFor(`the preview in:\n${stdout}`, 90_000, () => stdout.includes('Preview at'));
  return { launcher: child, pid: Number(/pid (\d+)/.exec(stdout)![1]) };
}

test('dev stops and frees its port when its launcher ends without passing the signal on, or when a browser holds a connection', { timeout: 240_000 }, async () => {
  const root = await makeSite({ 'content/articles/2025/05/budget-vote/index.md': article() });
  const pids: number[] = [];
  try {
    // 1. The launcher is killed outright (as `npx` leaves its child when it is stopped): the preview notices and exits.
    const port = await freePort();
    const first = await startThroughLauncher(root, port);
    pids.push(first.pid);
    assert.ok(await listening(port));
    first.launcher.kill('SIGKILL');
    await waitFor('the orphaned preview to exit', 10_000, () => !alive(first.pid));
    assert.equal(await listening(port), false, 'the port is free');

    // 2. SIGTERM while a browser keeps a connection open: the preview still exits promptly.
    const port2 = await freePort();
    const second = await startThroughLauncher(root, port2);
    pids.push(second.pid);
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => http.get({ host: '127.0.0.1', port: port2, path: '/', agent }, (res) => (res.resume(), res.on('end', resolve))).on('error', reject));
    process.kill(second.pid, 'SIGTERM');
    await waitFor('the preview to exit with a connection open', 10_000, () => !alive(second.pid));
    assert.equal(await listening(port2), false, 'the port is free');
    agent.destroy();
    second.launcher.kill('SIGKILL');
  } finally {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await removeSite(root);
  }
});

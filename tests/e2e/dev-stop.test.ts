import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
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

test('the content store the preview keeps in memory is on disk once it stops', { timeout: 240_000 }, async () => {
  const file = 'content/articles/2025/05/budget-vote/index.md';
  const root = await makeSite({ [file]: article() });
  const pids: number[] = [];
  try {
    const port = await freePort();
    const dev = await startThroughLauncher(root, port);
    pids.push(dev.pid);
    const text = (await fs.readFile(path.join(root, file), 'utf8')).replace(/\n\n([A-Z])/, '\n\nA sentence saved while the preview runs. $1');
    await fs.writeFile(path.join(root, file), text);
    const page = () =>
      new Promise<string>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port, path: '/politics/2025/05/budget-vote/' }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d)).on('end', () => resolve(body));
        }).on('error', reject),
      );
    await waitFor('the saved sentence in the preview', 60_000, async () => (await page()).includes('A sentence saved while the preview runs.'));
    // Stopped at once: the store is written on the way out if its own timer has not written it yet.
    process.kill(dev.pid, 'SIGTERM');
    await waitFor('the preview to exit', 10_000, () => !alive(dev.pid));
    dev.launcher.kill('SIGKILL');
    const saved = v8.deserialize(await fs.readFile(path.join(root, '.cache/store/records.v8'))) as { entries: Map<string, { digest: string }> };
    assert.equal(saved.entries.get(file.replace(/^content\//, ''))?.digest, createHash('sha256').update(text).digest('hex'), 'the store holds the saved file');
  } finally {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await removeSite(root);
  }
});

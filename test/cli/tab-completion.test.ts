/**
 * Tab on a real terminal, against real virsh: the same keys typed into virsh and tsvirsh (each
 * in a tmux pane, in a directory with a few files for readline's file name fallback) must leave
 * the same screen — what is completed, when the bell rings instead, the candidate lists and their
 * columns, the question before long lists and the `--More--` pager.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TSVIRSH } from './harness.js';
import { TmuxPane, haveTmux } from './tmux.js';

const haveVirsh = spawnSync('virsh', ['--version']).status === 0;

/**
 * Each case is a list of key groups; a group is sent at once (as fast typing or tmux send-keys
 * does), groups apart as a person pausing.
 */
const CASES: string[][][] = [
  [['li', 'Tab']],
  [['snap', 'Tab', 'Tab', 'Tab']],
  [['snap', 'Tab'], ['Tab'], ['Tab']],
  [['dominfo ', 'Tab', 'Tab']],
  [['dominfo --', 'Tab', 'Tab']],
  [['dominfo te', 'Tab']],
  [['dominfo --domain=te', 'Tab']],
  [['dominfo "te', 'Tab']],
  [['dominfo te\\', 'Tab']],
  [['list ', 'Tab', 'Tab', 'Tab']],
  [['list --all', 'Tab']],
  [['list --all ', 'Tab', 'Tab', 'Tab']],
  [['list --all --st', 'Tab', 'Tab', 'Tab']],
  [['define ', 'Tab', 'Tab', 'Tab']],
  [['define --file ', 'Tab', 'Tab', 'Tab']],
  [['define s', 'Tab']],
  [['dominfo --domain a', 'Tab']],
  [['dumpxml --domain test --', 'Tab', 'Tab', 'Tab']],
  [['vol-info ', 'Tab', 'Tab', 'Tab']],
  [['snapshot-list ', 'Tab', 'Tab']],
  [['domif-setlink test vnet0 ', 'Tab', 'Tab']],
  [['nodedev-', 'Tab', 'Tab', 'Tab']],
  [['nosuch a', 'Tab', 'Tab']],
  [['list; dom', 'Tab', 'Tab', 'Tab']],
  [['help dom', 'Tab', 'Tab', 'Tab']],
  [['start ', 'Tab', 'Tab']],
  [['net-start ', 'Tab', 'Tab', 'Tab']],
  [['event --event ', 'Tab', 'Tab']],
  [['vol-info --pool ', 'Tab', 'Tab', 'Tab']],
  [['domblkstat test ', 'Tab', 'Tab']],
  [['domblkstat nosuch --device ', 'Tab', 'Tab']],
  [['domif-getlink test ', 'Tab', 'Tab']],
  [['domif-setlink test testnet0 --state ', 'Tab', 'Tab']],
  [['domif-setlink test AA:bb:cc:dd:ee:ff --state ', 'Tab', 'Tab']],
  [['shutdown test --mode acpi,', 'Tab', 'Tab']],
  [['snapshot-info test ', 'Tab', 'Tab']],
  [['nodedev-dumpxml ', 'Tab', 'Tab', 'Tab']],
  [['pool-event --event ', 'Tab', 'Tab']],
  [['pool-list --type dir,', 'Tab', 'Tab']],
  [['send-process-signal test ', 'Tab', 'Tab', 'Tab']],
  [['nodesuspend --target ', 'Tab', 'Tab']],
  [['vcpupin test --vcpu ', 'Tab', 'Tab']],
  [['vcpupin test 0 --cpulist 0,', 'Tab', 'Tab']],
  [['nodecpustats --cpu ', 'Tab', 'Tab']],
  [['domcapabilities --arch x', 'Tab'], ['C-u', 'domcapabilities --virttype k', 'Tab', 'Tab']],
  [['blockcopy test vda --format q', 'Tab', 'Tab']],
  [['Tab', 'Tab'], ['n']],
  [['Tab', 'Tab'], ['y'], ['q']],
  [['Tab', 'Tab'], ['y'], [' '], ['Enter']],
];

async function screenAfter(program: string, dir: string, groups: string[][]): Promise<string> {
  const pane = new TmuxPane(`cd ${dir} && ${program} -c test:///default; sleep 30`, 100, 30);
  try {
    await pane.waitFor(/^virsh #$/m, 'the prompt');
    for (const keys of groups) {
      pane.type(...keys);
      await sleep(400);
    }
    await sleep(400);
    return pane.screen().trimEnd();
  } finally {
    pane.kill();
  }
}

test('Tab on a terminal: the same screens as virsh', { skip: !haveTmux ? 'tmux is not installed' : !haveVirsh ? 'virsh is not installed' : false }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tsvirsh-tab-'));
  try {
    await writeFile(join(dir, 'a.xml'), '');
    await writeFile(join(dir, 'b.xml'), '');
    await mkdir(join(dir, 'sub'));
    const failures: string[] = [];
    // a few cases at a time: each runs two shells
    for (let i = 0; i < CASES.length; i += 3) {
      await Promise.all(CASES.slice(i, i + 3).map(async (groups) => {
        const [theirs, ours] = await Promise.all([screenAfter('virsh', dir, groups), screenAfter(`${process.execPath} ${TSVIRSH}`, dir, groups)]);
        if (ours !== theirs) failures.push(`keys ${JSON.stringify(groups)}\n--- virsh\n${theirs}\n--- tsvirsh\n${ours}`);
      }));
    }
    assert.deepEqual(failures, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * The *-edit commands and the saved-image XML commands on test:///default, with EDITOR scripts:
 * one that changes the file (sed, or a comment appended), one that leaves it alone, one that
 * breaks the XML, and editors that fail. Standard input is not a terminal, so a failed define
 * ends with virsh's plain "Failed." rather than its question.
 */
import { onDefault, type Scenario } from '../harness.js';

const files = {
  // The shell runs these: EDITOR with a space goes through `sh -c`, as virsh does.
  'memory.sh': 'sed -i "s/<memory unit=.KiB.>[0-9]*</<memory unit=\'KiB\'>2097152</" "$1"\n',
  'comment.sh': "echo '<!-- edited -->' >> \"$1\"\n",
  'keep.sh': 'exit 0\n',
  'break.sh': "echo '<domain' > \"$1\"\n",
  'fail.sh': 'exit 3\n',
  'rename-snap.sh': 'sed -i "s/<name>s1</<name>s9</" "$1"\n',
  'rename-chk.sh': 'sed -i "s/<name>c1</<name>c9</" "$1"\n',
  'paused.sh': 'sed -i "s/<on_crash>/<on_crash>/" "$1"; echo "<!-- x -->" >> "$1"\n',
  'new.xml': "<domain type='test'><name>test</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>1048576</memory><os><type>hvm</type></os></domain>",
  'bad.xml': '<domain',
};

const editing = (name: string, editor: string, line: string, extra: Partial<Scenario> = {}): Scenario => ({
  name: `edit ${name}`,
  files,
  args: onDefault(line),
  env: { EDITOR: editor, TMPDIR: '$DIR' },
  ...extra,
});
const sh = (script: string): string => `sh $DIR/${script}`;

export const editScenarios: Scenario[] = [
  editing('domain: sed changes the memory', sh('memory.sh'), 'edit test; dominfo test; dumpxml test --inactive --xpath //memory'),
  editing('domain: unchanged', sh('keep.sh'), 'edit test; edit --domain 1'),
  editing('domain: broken XML', sh('break.sh'), 'edit test; dominfo test'),
  editing('domain: editor fails', sh('fail.sh'), 'edit test'),
  editing('domain: plain editor that fails', 'false', 'edit test; echo after'),
  editing('domain: plain editor that keeps', 'true', 'edit test --skip-validate'),
  editing('domain: VISUAL wins over EDITOR', 'false', 'edit test', { env: { EDITOR: 'false', VISUAL: 'true', TMPDIR: '$DIR' } }),
  editing('domain: missing or unknown', 'true', 'edit nope; edit'),
  editing('domain: temporary directory missing', 'true', 'edit test', { env: { EDITOR: 'true', TMPDIR: '$DIR/none' } }),
  editing('domain: read-only', sh('memory.sh'), 'edit test', { args: ['-r', ...onDefault('edit test')] }),
  editing('network', sh('comment.sh'), 'net-edit default; net-edit default; net-dumpxml default --inactive --xpath //comment()'),
  editing('network: unchanged, broken, unknown', sh('keep.sh'), 'net-edit default; net-edit nope; net-edit'),
  editing('network: broken', sh('break.sh'), 'net-edit default'),
  editing('pool', sh('comment.sh'), 'pool-edit default-pool; pool-edit --pool default-pool'),
  editing('pool: unchanged, broken, failing', sh('keep.sh'), 'pool-edit default-pool; pool-edit nope', {}),
  editing('pool: broken', sh('break.sh'), 'pool-edit default-pool'),
  editing('interface', sh('comment.sh'), 'iface-edit eth1; iface-edit nope; iface-edit 00:11:22:33:44:55'),
  // libvirt's test driver has no network filters: the lookup fails as virsh's does.
  editing('network filter', sh('comment.sh'), 'nwfilter-edit foo; nwfilter-edit 6695eb01-f6a4-8304-79aa-97f2502e193f; nwfilter-edit --nwfilter x'),
  editing('snapshot', sh('comment.sh'), 'snapshot-create-as test s1; snapshot-edit test s1; snapshot-edit test --current; snapshot-current test --name'),
  editing('snapshot: unchanged and --current', sh('keep.sh'), 'snapshot-create-as test s1; snapshot-create-as test s2; snapshot-edit test s1; snapshot-edit test s1 --current; snapshot-current test --name'),
  editing('snapshot: rename and clone', sh('rename-snap.sh'), 'snapshot-create-as test s1; snapshot-edit test s1; snapshot-list test --name; snapshot-edit test s1 --clone; snapshot-list test --name; '
    + 'snapshot-edit test s1 --rename; snapshot-list test --name; snapshot-edit test s1 --rename --clone'),
  editing('snapshot: failures', sh('fail.sh'), 'snapshot-edit test s1; snapshot-edit test; snapshot-create-as test s1; snapshot-edit test s1; snapshot-edit nope s1'),
  editing('checkpoint', sh('comment.sh'), 'checkpoint-create-as test c1; checkpoint-edit test c1; checkpoint-edit test --checkpointname c1'),
  editing('checkpoint: rename refused', sh('rename-chk.sh'), 'checkpoint-create-as test c1; checkpoint-edit test c1; checkpoint-list test --name'),
  editing('checkpoint: unchanged and failures', sh('keep.sh'), 'checkpoint-create-as test c1; checkpoint-edit test c1; checkpoint-edit test nope; checkpoint-edit test; checkpoint-edit nope c1'),
  editing('save image', sh('comment.sh'), 'save test $DIR/saved; save-image-edit $DIR/saved; save-image-dumpxml $DIR/saved --xpath //comment(); save-image-edit --file $DIR/saved --paused; restore $DIR/saved; domstate test'),
  editing('save image: unchanged, broken, missing', sh('keep.sh'), 'save test $DIR/saved; save-image-edit $DIR/saved; save-image-edit $DIR/nope; save-image-edit x --running --paused'),
  editing('save image: broken', sh('break.sh'), 'save test $DIR/saved; save-image-edit $DIR/saved; restore $DIR/saved; domstate test'),
  editing('managed save', sh('comment.sh'), 'managedsave test; managedsave-edit test; managedsave-edit test --running --paused; managedsave-edit nope'),
  {
    name: 'save image XML: dumpxml and define',
    files,
    args: onDefault('save test $DIR/saved; save-image-dumpxml $DIR/saved; save-image-dumpxml $DIR/saved --security-info --xpath //name --wrap; '
      + 'save-image-define $DIR/saved $DIR/new.xml --running; save-image-dumpxml --file $DIR/saved --xpath //memory; restore $DIR/saved; dominfo test'),
  },
  {
    name: 'save image XML: failures',
    files,
    args: onDefault('save-image-dumpxml $DIR/nope; save-image-dumpxml; save test $DIR/saved; save-image-define $DIR/saved $DIR/bad.xml; save-image-define $DIR/saved $DIR/none.xml; '
      + 'save-image-define $DIR/saved $DIR/new.xml --running --paused; save-image-define $DIR/nope $DIR/new.xml; save-image-dumpxml $DIR/saved --xpath ""'),
  },
  {
    name: 'save image XML: read-only',
    files,
    args: ['-r', ...onDefault('save-image-dumpxml $DIR/nope; save-image-define $DIR/nope $DIR/new.xml; managedsave-dumpxml test --security-info; managedsave-define test $DIR/new.xml')],
  },
  {
    name: 'managed save XML',
    files,
    args: onDefault('managedsave test; managedsave-dumpxml test; managedsave-dumpxml test --security-info --xpath //name; managedsave-define test $DIR/new.xml; '
      + 'managedsave-define test $DIR/new.xml --running --paused; managedsave-define test $DIR/none.xml; managedsave-define nope $DIR/new.xml; managedsave-dumpxml nope'),
  },
  { name: 'edit commands quiet', files, args: ['-q', ...onDefault('edit test; net-edit default; save test $DIR/s; save-image-edit $DIR/s; save-image-define $DIR/s $DIR/new.xml')], env: { EDITOR: sh('comment.sh'), TMPDIR: '$DIR' } },
];
